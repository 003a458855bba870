package cnn.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without the Fashion-MNIST files, {@code cnnc train --data fashion-mnist} says how to install them, in one line. */
class MissingDatasetTest {

    @TempDir
    Path dir;

    @Test
    void namesTheDebianPackage() throws IOException, InterruptedException {
        Path empty = dir.resolve("no-fashion-mnist");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Cnnc.class.getName(), "train",
                "src/test/resources/train/tiny.cnn", "--data", "fashion-mnist", "--out", dir.resolve("run").toString());
        // The data package reads this variable in place of /usr/share/datasets/fashion-mnist.
        pb.environment().put("CNN_FASHION_MNIST", empty.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);

        assertEquals(1, p.exitValue(), out + err);
        assertEquals("cnnc train: Fashion-MNIST not found: " + empty.resolve("train-images-idx3-ubyte.gz")
                + " is missing; install it with `apt-get install dataset-fashion-mnist`\n", err);
        assertEquals("", out);
    }
}
