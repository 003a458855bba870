package cnn.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * Writes generated sources only when their bytes change, so an unchanged model keeps its file's
 * timestamp and javac's incremental build has nothing to redo.
 */
final class OutputWriter {

    private final Path root;
    private int written;
    private int unchanged;
    private int deleted;

    OutputWriter(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Writes {@code text} to {@code relative} below the root unless the file already holds exactly it. */
    void write(Path relative, String text) throws IOException {
        Path target = resolve(relative);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
            unchanged++;
            return;
        }
        Files.createDirectories(target.getParent());
        // Write beside and move, so an interrupted build never leaves half a class for javac.
        Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            Files.write(temp, bytes);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        written++;
    }

    /** Deletes a file this plugin generated earlier and no longer produces. */
    void delete(Path relative) throws IOException {
        if (Files.deleteIfExists(resolve(relative))) {
            deleted++;
        }
    }

    boolean exists(Path relative) {
        return Files.isRegularFile(resolve(relative));
    }

    int written() {
        return written;
    }

    int unchanged() {
        return unchanged;
    }

    int deleted() {
        return deleted;
    }

    private Path resolve(Path relative) {
        Path target = root.resolve(relative).normalize();
        if (!target.startsWith(root)) {
            // A state file is plain text a user can edit; never let it point outside the output directory.
            throw new IllegalArgumentException("generated file outside " + root + ": " + relative);
        }
        return target;
    }
}
