package cnn.runtime.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that a crash at any point leaves either the old file or the complete new
 * one: the bytes go to a temporary file in the same directory, which is forced to disk and then
 * renamed over the target. Checkpoints and weights files rely on this.
 */
public final class AtomicFile {

    /** Writes the content; it must not close the stream. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    public static void write(Path target, Body body) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = dir.resolve(temporaryPrefix(absolute) + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp");
        boolean done = false;
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                body.writeTo(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush(); // the body must not close the channel before it is forced
                    }
                });
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            syncDirectory(dir);
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Deletes the temporary files that writes of {@code target} left when the process was killed
     * mid-write ({@code .NAME.<hex>.tmp} beside it); a write that ends, even by an exception,
     * removes its own. Call it only while no other process writes {@code target}, e.g. when a
     * training run that owns its checkpoint starts.
     *
     * @return the files deleted
     */
    public static List<Path> removeLeftovers(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        String prefix = temporaryPrefix(absolute);
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        // listed rather than globbed: a file name may hold glob characters
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(".tmp")
                        && name.substring(prefix.length(), name.length() - 4).matches("[0-9a-f]{1,16}")
                        && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(f);
                    removed.add(f);
                }
            }
        }
        return removed;
    }

    /** {@code .NAME.}: how every temporary file of a write of NAME starts. */
    private static String temporaryPrefix(Path target) {
        return "." + target.getFileName() + ".";
    }

    /** Makes the rename itself durable where the platform allows opening a directory. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not possible on every platform (Windows); the file itself is already on disk.
        }
    }
}
