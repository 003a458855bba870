package cnn.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

    @TempDir
    Path dir;

    /** A 2 x 2 x 3 image file by the IDX spec: magic 0x00000803, big-endian dims, then bytes. */
    private static byte[] images() {
        return ByteBuffer.allocate(4 + 12 + 12).putInt(0x803).putInt(2).putInt(2).putInt(3)
                .put(new byte[] {0, 51, (byte) 255, 1, 2, 3, 4, 5, 6, 7, 8, (byte) 204}).array();
    }

    @Test
    void readsPlainAndGzipped() throws IOException {
        Path plain = dir.resolve("a-idx3-ubyte");
        Files.write(plain, images());
        Path gz = dir.resolve("a-idx3-ubyte.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(images());
        }
        for (Path p : new Path[] {plain, gz}) {
            Idx.Data d = Idx.read(p);
            assertArrayEquals(new int[] {2, 2, 3}, d.dims());
            float[] f = Idx.images(d);
            assertArrayEquals(new float[] {0, 0.2f, 1}, Arrays.copyOf(f, 3));
            assertArrayEquals(new int[] {0, 51, 255}, Arrays.copyOf(Idx.labels(d), 3));
        }
    }

    @Test
    void refusesBadFiles() throws IOException {
        Path p = dir.resolve("bad");
        Files.write(p, Arrays.copyOf(images(), 20));
        assertTrue(message(p).contains("truncated"), message(p));
        Files.write(p, ByteBuffer.allocate(16).putInt(0x803).putInt(60000).putInt(28000).putInt(28000).array());
        assertTrue(message(p).contains("more than the file can hold"), message(p));
        Files.write(p, "hello world, not idx".getBytes());
        assertTrue(message(p).contains("not an IDX file"), message(p));
        Files.write(p, ByteBuffer.allocate(8).putInt(0xd01).putInt(0).array());
        assertTrue(message(p).contains("type 0xd is not supported"), message(p));
        byte[] extra = Arrays.copyOf(images(), images().length + 1);
        Files.write(p, extra);
        assertTrue(message(p).contains("more data than the header declares"), message(p));
        assertTrue(message(dir.resolve("none")).endsWith("none: no such file"));
    }

    @Test
    void aGzipHeaderClaimingAGigabyteIsRefusedWithoutAllocatingIt() throws IOException {
        // 1 MB of gzip may declare up to ~1 GB (deflate's ratio), but this one holds ten values
        Path p = dir.resolve("lie.gz");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(ByteBuffer.allocate(12).putInt(0x802).putInt(30_000).putInt(30_000).array());
            gz.write(new byte[10]);
        }
        byte[] padded = Arrays.copyOf(bytes.toByteArray(), 1 << 20);   // trailing bytes after the gzip member
        Files.write(p, padded);
        long before = allocated();
        String m = message(p);
        long used = allocated() - before;
        assertTrue(m.contains("truncated") || m.contains("corrupt gzip"), m);
        assertTrue(used < 64L << 20, "allocated " + used + " bytes for a header claiming 900 MB");
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static String message(Path p) {
        return assertThrows(DatasetException.class, () -> Idx.read(p)).getMessage();
    }
}
