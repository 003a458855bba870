package cnn.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cnn.runtime.io.Npz;
import cnn.runtime.io.NpzReader;
import cnn.runtime.io.IntArray;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code cnnc train} (generated trainer, compiled in memory) in a child JVM, killed
 * without warning once it has written its first checkpoint; a second run given that checkpoint
 * with {@code --weights} continues from the epoch after it and ends with the weights of a run
 * that was never interrupted.
 */
@Tag("training")
class KillAndResumeTest {

    private static final Path MODEL = Path.of("src/test/resources/train/tiny.cnn");

    @TempDir
    Path dir;

    @Test
    void aKilledRunResumesFromItsLastCheckpoint() throws Exception {
        Path first = dir.resolve("killed");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Cnnc.class.getName(), "train", MODEL.toString(),
                "--data", "shapes", "--out", first.toString(), "--progress", "lines")
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        boolean checkpointed = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
                if (line.startsWith("checkpoint ")) {
                    child.destroyForcibly(); // SIGKILL: no shutdown hooks, no chance to tidy up
                    checkpointed = true;
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(60, TimeUnit.SECONDS);
        }
        assertTrue(checkpointed, "the child wrote no checkpoint:\n" + String.join("\n", lines));

        Path checkpoint = first.resolve("checkpoint.npz");
        int epoch;
        long step;
        try (NpzReader npz = NpzReader.open(checkpoint)) {
            epoch = ((IntArray) npz.read("train:epoch")).data()[0];
            step = ((IntArray) npz.read("train:step")).data()[0];
        }
        assertTrue(epoch >= 1 && epoch < 3, "checkpoint after epoch " + epoch);
        assertEquals(0, step % 313, "a whole number of epochs of 313 steps: " + step);

        Path resumed = dir.resolve("resumed");
        String out = run("train", MODEL.toString(), "--data", "shapes", "--out", resumed.toString(),
                "--weights", checkpoint.toString(), "--progress", "none");
        assertTrue(out.contains("resuming from " + checkpoint + ": epoch " + (epoch + 1) + ", step " + step), out);
        assertTrue(out.contains("epoch 3/3: "), out);
        assertTrue(!out.contains("epoch " + epoch + "/3: "), "epoch " + epoch + " is not trained again:\n" + out);
        String report = Files.readString(resumed.resolve("report.json"));
        Map<String, Object> json = JsonRead.object(report);
        assertEquals((double) (epoch + 1), ((Map<?, ?>) json.get("resumed_from")).get("epoch"));
        assertEquals((double) (epoch + 1), ((Map<?, ?>) ((List<?>) json.get("epochs")).get(0)).get("epoch"));

        Path straight = dir.resolve("straight");
        run("train", MODEL.toString(), "--data", "shapes", "--out", straight.toString(), "--progress", "none");
        assertEquals(Npz.read(straight.resolve("Tiny.npz")), Npz.read(resumed.resolve("Tiny.npz")),
                "the resumed run ends where an uninterrupted one does");
    }

    private static String run(String... args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cnnc.run(args, new PrintWriter(out), new PrintWriter(err));
        if (code != 0) {
            fail("cnnc " + String.join(" ", args) + " exited " + code + ":\n" + out + err);
        }
        return out.toString();
    }
}
