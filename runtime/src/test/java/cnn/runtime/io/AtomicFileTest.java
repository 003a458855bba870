package cnn.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void aWriteThatFailsHalfwayLeavesThePreviousFileIntact() throws IOException {
        Path p = dir.resolve("checkpoint.npz");
        FloatArray old = new FloatArray(new int[] {2}, new float[] {1, 2});
        Npz.write(p, Map.of("w", old));
        byte[] before = Files.readAllBytes(p);

        // Simulate a crash after part of the new archive has been written.
        IOException crash = assertThrows(IOException.class, () -> AtomicFile.write(p, out -> {
            Npz.write(out, Map.of("w", new FloatArray(new int[] {100_000}, new float[100_000])), false);
            throw new IOException("disk full");
        }));
        assertEquals("disk full", crash.getMessage());
        assertArrayEquals(before, Files.readAllBytes(p));
        assertEquals(old, Npz.read(p).get("w"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList()); // no temporary file left behind
        }
    }

    @Test
    void replacesTheFileWhenTheWriteCompletes() throws IOException {
        Path p = dir.resolve("w.npy");
        Npy.write(p, new FloatArray(new int[] {1}, new float[] {1}));
        Npy.write(p, new FloatArray(new int[] {1}, new float[] {2}));
        assertEquals(new FloatArray(new int[] {1}, new float[] {2}), Npy.read(p));
    }

    @Test
    void removesTheTemporaryFilesOfWritesThatWereKilledAndNothingElse() throws IOException {
        Path p = dir.resolve("checkpoint.npz");
        Npz.write(p, Map.of("w", new FloatArray(new int[] {1}, new float[] {1})));
        Path killed = Files.write(dir.resolve(".checkpoint.npz.3fa9c01d2b7e4c55.tmp"), new byte[100]);
        Path otherTarget = Files.write(dir.resolve(".weights.npz.3fa9c01d2b7e4c55.tmp"), new byte[1]);
        Path notOurs = Files.write(dir.resolve(".checkpoint.npz.notes.tmp"), new byte[1]);
        Path user = Files.write(dir.resolve("checkpoint.npz.tmp"), new byte[1]);

        assertEquals(List.of(killed), AtomicFile.removeLeftovers(p));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(Set.of(p, otherTarget, notOurs, user), files.collect(Collectors.toSet()));
        }
        assertEquals(List.of(), AtomicFile.removeLeftovers(dir.resolve("missing/checkpoint.npz")));
    }
}
