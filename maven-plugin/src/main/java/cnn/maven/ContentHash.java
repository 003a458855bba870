package cnn.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of file contents: what decides whether a model changed, not timestamps (a checkout touches them all). */
final class ContentHash {

    /** Stands for a file that is not there, so a deleted import makes its importers stale. */
    static final String MISSING = "missing";

    private ContentHash() {
    }

    static String of(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new IllegalStateException(e);
        }
    }

    static String of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    static String ofFile(Path file) throws IOException {
        return Files.isRegularFile(file) ? of(Files.readAllBytes(file)) : MISSING;
    }
}
