package cnn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.cli.Cnnc;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command, end to end: {@code cnnc train examples/models/lenet5_fashion.cnn
 * --model LeNet5 --data fashion-mnist} trains the generated LeNet-5 trainer on the 60000
 * Fashion-MNIST training images (Debian's {@code dataset-fashion-mnist}) and reaches at least 89%
 * on the 10000 test images — the figure the Fashion-MNIST authors' benchmark gives for small
 * convolutional networks (Xiao, Rasul and Vollgraf 2017: 2-layer CNNs at 87–92%).
 */
@Tag("training")
@Tag("e2e")
class LeNet5FashionMnistTrainingTest {

    private static final Pattern ACCURACY = Pattern.compile("test accuracy: (\\d+\\.\\d+)% \\(10000 images");

    @TempDir
    Path dir;

    @Test
    void reachesEightyNinePerCentOnTheTestSet() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int code = Cnnc.run(new String[] {"train", "models/lenet5_fashion.cnn", "--model", "LeNet5",
                "--data", "fashion-mnist", "--out", dir.toString(), "--progress", "none"},
                new PrintWriter(out), new PrintWriter(err));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.print(out);
        assertEquals(0, code, out + "\n" + err);
        Matcher m = ACCURACY.matcher(out.toString());
        assertTrue(m.find(), out.toString());
        double accuracy = Double.parseDouble(m.group(1));
        String report = Files.readString(dir.resolve("report.json"));
        int epochs = report.split("\"epoch\": ", -1).length - 1;
        System.out.printf(Locale.ROOT, "LeNet5 on Fashion-MNIST: %d epochs, test accuracy %.2f%%, %.0f s%n", epochs,
                accuracy, seconds);
        assertTrue(accuracy >= 89.0, "test accuracy " + accuracy + "% after " + epochs + " epochs");
        assertTrue(Files.size(dir.resolve("training.png")) > 0);
        assertTrue(Files.exists(dir.resolve("LeNet5.npz")));
    }
}
