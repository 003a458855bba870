package cnn.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cnnc scan}: a slide model against its detector on every window. */
class ScanCommandTest {

    @TempDir
    Path dir;

    private static final String MODELS = """
            model Detector {
                input 8x8x3
                conv 4, 3 relu
                maxpool 2
                flatten
                dense 8 relu
                dense 3 softmax
            }

            model Scanner = slide Detector over 20x16x3
            """;

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cnnc.run(args, new PrintWriter(out), new PrintWriter(err));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void theOnePassGivesTheDetectorsScoresOnEveryWindow() throws IOException {
        Path file = dir.resolve("scan.cnn");
        Files.writeString(file, MODELS);
        Path weights = dir.resolve("d.npz");
        String[] init = run("init", file.toString(), "--model", "Detector", "--seed", "3", "-o", weights.toString());
        assertEquals("0", init[0], init[2]);

        String[] r = run("scan", file.toString(), "--weights", weights.toString(), "--shapes", "5", "--repeat", "3");
        assertEquals("0", r[0], r[2]);
        // 20x16 input, 8x8 windows, stride 2 (the max pool's): (20 − 8) / 2 + 1 = 7 rows, (16 − 8) / 2 + 1 = 5 columns
        assertTrue(r[1].startsWith("Scanner over 20x16x3: 7 x 5 windows of 8x8, stride 2 (35 windows)\n"), r[1]);
        Matcher m = Pattern.compile("largest difference from Detector on every window: (\\S+)\n").matcher(r[1]);
        assertTrue(m.find(), r[1]);
        assertTrue(Double.parseDouble(m.group(1)) < 1e-6, "the same scores up to float rounding: " + m.group(1));
        assertTrue(r[1].contains("x faster (median of 3 runs)\n"), r[1]);
        assertTrue(r[1].contains("most likely class per window (0 = class 0, 1 = class 1, 2 = class 2):\n"), r[1]);
        assertEquals(7, r[1].lines().filter(l -> l.matches("  [012]{5}")).count(), r[1]);
    }

    @Test
    void aModelThatDoesNotSlideIsRefused() throws IOException {
        Path file = dir.resolve("scan.cnn");
        Files.writeString(file, MODELS);
        String[] r = run("scan", file.toString(), "--model", "Detector", "--weights", "w.npz");
        assertEquals("1", r[0]);
        assertEquals("cnnc scan: model Detector is not a sliding window ('model S = slide D over SHAPE'); cnnc scan "
                + "runs one\n", r[2].replace("\r", ""));
        Path lone = dir.resolve("lone.cnn");
        Files.writeString(lone, "model D {\n    input 4x4x1\n    flatten\n    dense 2\n}\n");
        String[] none = run("scan", lone.toString(), "--weights", "w.npz");
        assertEquals("cnnc scan: " + lone + " has no sliding-window models\n", none[2].replace("\r", ""));
    }
}
