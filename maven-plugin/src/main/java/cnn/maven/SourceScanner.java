package cnn.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the model files below a source directory, in a stable order so builds are reproducible. */
final class SourceScanner {

    static final String EXTENSION = ".cnn";

    private SourceScanner() {
    }

    /** Every regular {@code *.cnn} file below {@code root}, absolute and normalised, sorted; empty if root is absent. */
    static List<Path> scan(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(EXTENSION))
                    .map(p -> p.toAbsolutePath().normalize())
                    .sorted()
                    .toList();
        }
    }
}
