package cnn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's transfer-learning command, {@code examples/transfer/run.sh}, in its short form
 * ({@code QUICK=1}: a base trained for 60 steps, 100 new images, 2 epochs each) with the
 * compiler of this build: every step of the workflow runs and the table comes out. The head
 * trained on cached features scores exactly what the same head scores on the frozen layers.
 */
@Tag("training")
@Tag("e2e")
class TransferExampleTest {

    private static final Pattern ROW = Pattern.compile("\\| \\((a|b|c)\\) [^|]*\\| +(\\d+\\.\\d\\d)% \\| +[\\d.]+ s \\|");
    private static final Pattern SAME = Pattern.compile("to the same test accuracy \\((\\d+\\.\\d\\d)% and\\s+"
            + "(\\d+\\.\\d\\d)%\\)");

    @TempDir
    Path dir;

    @Test
    void theWorkflowRunsAndPrintsTheTable() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder("bash", "transfer/run.sh", dir.toString()).redirectErrorStream(true);
        pb.environment().put("QUICK", "1");
        pb.environment().put("CNNC", java + " --add-modules jdk.incubator.vector -cp " + System.getProperty("java.class.path") + " cnn.compiler.cli.Cnnc");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), out);
        System.out.print(out);
        assertEquals(0, p.exitValue(), out);
        Matcher rows = ROW.matcher(out);
        int n = 0;
        while (rows.find()) {
            n++;
            double accuracy = Double.parseDouble(rows.group(2));
            // five classes: chance is 20%; even this short run learns something
            assertTrue(accuracy > 40, rows.group());
        }
        assertEquals(3, n, out);
        Matcher same = SAME.matcher(out);
        assertTrue(same.find(), out);
        assertEquals(same.group(1), same.group(2), "cached and uncached head training agree");
        assertTrue(Files.exists(dir.resolve("tuned/Tuned.npz")));
        assertTrue(Files.exists(dir.resolve("data/features-test.npz")));
    }
}
