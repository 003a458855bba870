package cnn.compiler.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fuzzer's files: the seeds it mutates (every example model of the repository: the
 * PyTorch reference models, the golden diagnostics' sources, the examples module, the model zoo
 * under {@code fuzz/seeds}), the regression inputs it once failed on ({@code fuzz/regressions},
 * replayed first by every run), and where a failing input is written for a human to look at.
 */
public final class FuzzCorpus {

    static final Path RESOURCES = Path.of("src/test/resources");
    public static final Path REGRESSIONS = RESOURCES.resolve("fuzz/regressions");
    static final Path FAILURES = Path.of("target/fuzz-failures");

    private FuzzCorpus() {
    }

    /** Texts of every {@code .cnn} example the repository has. */
    public static List<String> seeds() {
        List<Path> files = new ArrayList<>();
        files.addAll(cnnFiles(RESOURCES.resolve("reference")));
        files.addAll(cnnFiles(RESOURCES.resolve("diagnostics")));
        files.addAll(cnnFiles(RESOURCES.resolve("fuzz/seeds")));
        files.addAll(cnnFiles(Path.of("../examples/src/main/cnn")));
        List<String> texts = new ArrayList<>();
        for (Path f : files) {
            texts.add(read(f));
        }
        return texts;
    }

    /** The regression inputs, sorted by name. */
    public static List<Path> regressions() {
        return cnnFiles(REGRESSIONS);
    }

    /** Writes a failing input to {@code target/fuzz-failures/<hash>.cnn}; returns the path. */
    public static Path save(String text) {
        try {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            String name = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 6);
            Files.createDirectories(FAILURES);
            Path p = FAILURES.resolve(name + ".cnn");
            Files.write(p, bytes);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> cnnFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".cnn")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
