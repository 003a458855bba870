package cnn.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §3: cnnc's exit codes, usage, and the summary's JSON. */
class CnncTest {

    record Run(int code, String out, String err) {
    }

    @TempDir
    Path dir;

    static Run cnnc(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cnnc.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static final String LENET = """
            model LeNet5 {
                input 28x28x1
                conv 6, 5 pad=same tanh
                avgpool 2
                conv 16, 5 tanh
                avgpool 2
                flatten
                dense 120 tanh
                dense 84 tanh
                dense 10 softmax
            }
            """;

    @Test
    void importsOutsideTheFilesFoldersNeedAFlag() throws IOException {
        Files.createDirectories(dir.resolve("models"));
        file("shared.cnn", "const UNITS = 10\n");
        Path net = file("models/net.cnn", "import \"../shared.cnn\"\nmodel Net {\n    input 4x4x1\n    flatten\n"
                + "    dense UNITS\n}\n");
        for (String command : new String[] {"check", "summary", "generate"}) {
            String[] args = command.equals("generate") ? new String[] {command, net.toString(), "-d",
                    dir.resolve("out").toString()} : new String[] {command, net.toString()};
            Run refused = cnnc(args);
            assertEquals(1, refused.code(), command + ": " + refused.err());
            assertTrue(refused.err().contains("error[E0219]: import \"../shared.cnn\" leads outside the source folder "
                    + dir.resolve("models")), refused.err());
            String[] allowed = new String[args.length + 1];
            System.arraycopy(args, 0, allowed, 0, args.length);
            allowed[args.length] = "--allow-outside-imports";
            Run ok = cnnc(allowed);
            assertEquals(0, ok.code(), command + ": " + ok.err());
        }
    }

    @Test
    void generateRefusesClassesThatWouldOverwriteEachOtherAndWritesNothing() throws IOException {
        String net = "model %s {\n    input 4x4x1\n    flatten\n    dense 2\n}\n";
        Path a = file("a.cnn", "package p\n" + net.formatted("Net"));
        Path b = file("b.cnn", "package p\n" + net.formatted("Net"));
        Path out = dir.resolve("out");
        Run same = cnnc("generate", a.toString(), b.toString(), "-d", out.toString());
        assertEquals(1, same.code(), same.err());
        assertTrue(same.err().contains("p.Net would be generated from both model Net in " + a + " and model Net in "
                + b), same.err());
        Path c = file("c.cnn", "package p\n" + net.formatted("NET"));
        Run caseOnly = cnnc("generate", a.toString(), c.toString(), "-d", out.toString());
        assertEquals(1, caseOnly.code(), caseOnly.err());
        assertTrue(caseOnly.err().contains("p.NET and p.Net differ only in case"), caseOnly.err());
        Path trainer = file("t.cnn", "package p\n" + net.formatted("NetTrainer"));
        Run trainerClash = cnnc("generate", a.toString(), trainer.toString(), "-d", out.toString());
        assertEquals(1, trainerClash.code(), trainerClash.err());
        assertTrue(trainerClash.err().contains("p.NetTrainer would be generated from both model Net in " + a
                + " and model NetTrainer in " + trainer), trainerClash.err());
        assertFalse(Files.exists(out), "nothing is written when classes clash");
        Run fine = cnnc("generate", a.toString(), file("d.cnn", "package q\n" + net.formatted("Net")).toString(),
                "-d", out.toString());
        assertEquals(0, fine.code(), fine.err());
        assertTrue(Files.exists(out.resolve("p/Net.java")) && Files.exists(out.resolve("q/Net.java")));
    }

    @Test
    void filesThatAreNotRegularFilesAreRefusedWithoutReadingThem() throws Exception {
        // /dev/zero never ends and a FIFO without a writer blocks: neither may be read
        Path fifo = dir.resolve("pipe.cnn");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        for (Path p : new Path[] {Path.of("/dev/zero"), fifo, dir}) {
            Run r = cnnc("check", p.toString());
            assertEquals(1, r.code(), r.err());
            assertTrue(r.err().startsWith(p + ": error[E0210]: cannot read " + p + ": it is "
                    + (p.equals(dir) ? "a directory" : "not a regular file")), r.err());
        }
    }

    @Test
    void aloneOrWithHelpItPrintsUsage() {
        for (Run r : new Run[] {cnnc(), cnnc("--help")}) {
            assertEquals(0, r.code());
            assertTrue(r.out().startsWith("Usage: cnnc"), r.out());
            assertTrue(r.out().contains("check") && r.out().contains("summary"), r.out());
        }
    }

    @Test
    void checkExitsZeroWhenCleanOrOnlyWarned() throws IOException {
        assertEquals(0, cnnc("check", file("ok.cnn", LENET).toString()).code());
        Run warned = cnnc("check", file("warn.cnn", "model W {\n    input 28x28x1\n    conv 8, 3 stride=2\n}\n")
                .toString());
        assertEquals(0, warned.code());
        assertTrue(warned.err().contains("warning[W0101]"), warned.err());
    }

    @Test
    void checkExitsOneOnErrorsWithDiagnosticsOnStderr() throws IOException {
        Path bad = file("bad.cnn", "model B {\n    input 4x4x1\n    conv 8, 5\n}\n");
        Run r = cnnc("check", bad.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith(bad + ":3:5: error[E0301]: conv_1: output would be 0x0"), r.err());
        assertTrue(r.err().contains("    3 |     conv 8, 5\n      |     ^\n"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void usageMistakesExitTwo() throws IOException {
        assertEquals(2, cnnc("check").code());
        assertEquals(2, cnnc("frobnicate").code());
        Path ok = file("ok.cnn", LENET);
        assertEquals(2, cnnc("summary", ok.toString(), "--format", "xml").code());
        Run noModel = cnnc("summary", ok.toString(), "--model", "Nope");
        assertEquals(2, noModel.code());
        assertTrue(noModel.err().contains("no model Nope") && noModel.err().contains("LeNet5"), noModel.err());
    }

    @Test
    void aMissingFileIsAnErrorInOneLine() {
        Run r = cnnc("check", dir.resolve("none.cnn").toString());
        assertEquals(1, r.code());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void summaryJsonHasTheSpecKeysInOrder() throws IOException {
        Run r = cnnc("summary", file("lenet.cnn", LENET).toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        String json = r.out().trim();
        assertTrue(json.startsWith("{\"model\": \"LeNet5\", \"input\": [28, 28, 1], \"layers\": [{\"name\": \"conv_1\", "
                + "\"op\": \"conv\", \"output\": [28, 28, 6], \"params\": 156, \"macs\": 117600}, "), json);
        assertTrue(json.contains("{\"name\": \"flatten_1\", \"op\": \"flatten\", \"output\": [400], \"params\": 0, "
                + "\"macs\": 0}"), json);
        assertTrue(json.endsWith("], \"total_params\": 61706, \"trainable_params\": 61706, \"total_macs\": "
                + (117600 + 240000 + 48000 + 10080 + 840) + "}"), json);
    }

    @Test
    void severalModelsWithoutModelGiveAnArray() throws IOException {
        Path two = file("two.cnn", LENET + "model Tiny {\n    input 4x4x1\n    conv 2, 3\n}\n");
        Run all = cnnc("summary", two.toString(), "--format", "json");
        assertEquals(0, all.code());
        assertTrue(all.out().startsWith("[{\"model\": \"LeNet5\""), all.out());
        assertTrue(all.out().trim().endsWith("\"total_macs\": 72}]"), all.out());
        Run one = cnnc("summary", two.toString(), "--model", "Tiny", "--format", "json");
        assertEquals("{\"model\": \"Tiny\", \"input\": [4, 4, 1], \"layers\": [{\"name\": \"conv_1\", \"op\": \"conv\", "
                + "\"output\": [2, 2, 2], \"params\": 20, \"macs\": 72}], \"total_params\": 20, \"trainable_params\": 20, "
                + "\"total_macs\": 72}", one.out().trim());
    }

    @Test
    void frozenAndBatchnormParametersAreCountedAsSpecSays() throws IOException {
        Path f = file("bn.cnn", "model B {\n    input 4x4x2\n    frozen { conv 3, 1 }\n    batchnorm\n}\n");
        String json = cnnc("summary", f.toString(), "--format", "json").out();
        // conv 2*3+3 = 9 frozen; batchnorm 2*3 trainable + 2*3 running statistics
        assertTrue(json.contains("\"params\": 12"), json);
        assertTrue(json.contains("\"total_params\": 21, \"trainable_params\": 6"), json);
    }

    @Test
    void summaryTableListsLayersAndTotals() throws IOException {
        Run r = cnnc("summary", file("lenet.cnn", LENET).toString());
        assertEquals(0, r.code());
        String t = r.out();
        assertTrue(t.startsWith("Model: LeNet5\n"), t);
        assertTrue(t.matches("(?s).*\\nconv_1 +conv tanh +28x28x6 +156 +117,600\\n.*"), t);
        assertTrue(t.contains("Total params:          61,706\n"), t);
        assertTrue(t.contains("Trainable params:      61,706\n"), t);
        assertTrue(t.contains("Non-trainable params:  0\n"), t);
        assertTrue(t.contains("Total MACs:            416,520 per sample\n"), t);
        // 61,706 float32 weights = 246,824 bytes
        assertTrue(t.contains("Weights memory:        241.04 KiB (246,824 bytes)"), t);
    }

    @Test
    void summaryOfAFileWithErrorsPrintsThemAndExitsOne() throws IOException {
        Run r = cnnc("summary", file("bad.cnn", "model B {\n    input 4x4x1\n    dense 3\n}\n").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("error[E0303]"), r.err());
        assertEquals("", r.out());
    }
}
