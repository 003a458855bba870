package cnn.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {

    @TempDir
    Path dir;

    @Test
    void readsNumpySavezAndSavezCompressedInInsertionOrder() throws IOException {
        for (String name : List.of("weights_stored.npz", "weights_deflated.npz")) {
            Map<String, NdArray> m = Npz.read(Fixtures.path(name));
            assertEquals(List.of("conv_1.weight", "conv_1.bias", "dense_1.weight", "dense_1.bias"), List.copyOf(m.keySet()));
            FloatArray conv = (FloatArray) m.get("conv_1.weight");
            assertArrayEquals(new int[] {2, 1, 3, 3}, conv.shape());
            for (int i = 0; i < 18; i++) {
                assertEquals(i / 10f, conv.data()[i], 0f); // arange(18) / 10 in float32
            }
            assertArrayEquals(new float[] {0.5f, -0.5f}, ((FloatArray) m.get("conv_1.bias")).data());
            float[] dense = ((FloatArray) m.get("dense_1.weight")).data();
            for (int i = 0; i < 12; i++) {
                assertEquals(-1 + 2.0 * i / 11, dense[i], 1e-7); // linspace(-1, 1, 12)
            }
        }
    }

    @Test
    void roundTripsStoredAndDeflatedKeepingOrder() throws IOException {
        Map<String, NdArray> m = new LinkedHashMap<>();
        m.put("z.weight", new FloatArray(new int[] {2, 2}, new float[] {1, 2, 3, 4}));
        m.put("a.bias", new FloatArray(new int[] {2}, new float[] {-1, 1}));
        m.put("labels", new IntArray(new int[] {3}, new int[] {7, 8, 9}));
        m.put("step", new IntArray(new int[0], new int[] {12}));
        for (boolean compress : new boolean[] {false, true}) {
            Path p = dir.resolve("rt" + compress + ".npz");
            Npz.write(p, m, compress);
            assertEquals(m, Npz.read(p));
            assertEquals(List.copyOf(m.keySet()), List.copyOf(Npz.read(p).keySet()));
        }
    }

    @Test
    void writesTheSameBytesForTheSameArrays() throws IOException {
        Map<String, NdArray> m = Map.of("w", new FloatArray(new int[] {1}, new float[] {1}));
        Npz.write(dir.resolve("a.npz"), m);
        Npz.write(dir.resolve("b.npz"), m);
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.npz")), Files.readAllBytes(dir.resolve("b.npz")));
    }

    @Test
    void refusesFilesThatAreNotZips() throws IOException {
        Path p = dir.resolve("x.npz");
        Files.writeString(p, "hello");
        assertTrue(message(p).startsWith(p + ": not a valid .npz (zip) archive"), message(p));
    }

    @Test
    void refusesTruncatedArchives() throws IOException {
        byte[] good = Files.readAllBytes(Fixtures.path("weights_stored.npz"));
        for (int cut : new int[] {0, 10, good.length / 2, good.length - 1}) {
            Path p = dir.resolve("cut" + cut + ".npz");
            Files.write(p, Arrays.copyOf(good, cut));
            assertTrue(message(p).startsWith(p + ": "), message(p));
        }
    }

    @Test
    void refusesCorruptData() throws IOException {
        for (String name : List.of("weights_stored.npz", "weights_deflated.npz")) {
            byte[] bytes = Files.readAllBytes(Fixtures.path(name));
            bytes[entryStart(bytes, "conv_1.weight.npy") + 128 + 4] ^= 0x55; // inside the data (after the header)
            Path p = dir.resolve("corrupt-" + name);
            Files.write(p, bytes);
            String m = message(p);
            assertTrue(m.startsWith(p + " [conv_1.weight.npy]: "), m);
            if (name.contains("stored")) {
                assertTrue(m.endsWith("CRC mismatch: the data is corrupt"), m);
            }
        }
    }

    @Test
    void refusesPathLikeEntryNames() throws IOException {
        for (String name : List.of("../x.npy", "/etc/x.npy", "a/b.npy", "..\\x.npy", "readme.txt")) {
            Path p = dir.resolve("evil.npz");
            writeZip(p, Map.of(name, npy(new FloatArray(new int[] {1}, new float[] {1}))), false);
            String m = message(p);
            assertTrue(m.startsWith(p + " [" + name + "]: "), m);
        }
    }

    @Test
    void refusesDuplicateKeys() throws IOException {
        Path p = dir.resolve("dup.npz");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("w.npy", npy(new FloatArray(new int[] {1}, new float[] {1})));
        entries.put("v.npy", npy(new FloatArray(new int[] {1}, new float[] {2})));
        writeZip(p, entries, false);
        // Rename the second entry to the first one's name everywhere (same length), which
        // ZipOutputStream would not allow us to write directly.
        byte[] bytes = Files.readAllBytes(p);
        byte[] v = "v.npy".getBytes(StandardCharsets.US_ASCII);
        for (int i = indexOf(bytes, v); i >= 0; i = indexOf(bytes, v)) {
            bytes[i] = 'w';
        }
        Files.write(p, bytes);
        assertTrue(message(p).contains("duplicate entry: the key 'w' appears more than once"), message(p));
    }

    @Test
    void refusesAnEntryThatInflatesBeyondWhatItDeclares() throws IOException {
        // A 10-element header followed by 10 MB of zeros, with the central directory patched to
        // declare just the 10 elements: reading must stop after them, not inflate everything.
        byte[] header = Npy.header(DType.FLOAT32, new int[] {10});
        byte[] body = Arrays.copyOf(header, header.length + 10_000_000);
        Path p = dir.resolve("bomb.npz");
        writeZip(p, Map.of("x.npy", body), true);
        byte[] bytes = Files.readAllBytes(p);
        int cen = indexOf(bytes, new byte[] {0x50, 0x4b, 0x01, 0x02});
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(cen + 24, header.length + 40);
        Files.write(p, bytes);
        assertTrue(message(p).contains("[x.npy]: entry holds more bytes than its header declares"), message(p));
    }

    @Test
    void refusesHugeShapesInSmallEntriesBeforeAllocating() throws IOException {
        // The header claims 2 GB of floats; the entry is a few bytes. The size is checked against
        // the archive (and deflate's maximum ratio) before anything is allocated.
        byte[] header = Npy.header(DType.FLOAT32, new int[] {500_000_000});
        for (boolean compress : new boolean[] {false, true}) {
            Path p = dir.resolve("huge" + compress + ".npz");
            writeZip(p, Map.of("x.npy", Arrays.copyOf(header, header.length + 8)), compress);
            assertTrue(message(p).contains("but the archive declares"), message(p));
            // Now also make the archive lie about the size: the deflate ratio bound still holds.
            byte[] bytes = Files.readAllBytes(p);
            int cen = indexOf(bytes, new byte[] {0x50, 0x4b, 0x01, 0x02});
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(cen + 24, header.length + 2_000_000_000);
            Files.write(p, bytes);
            assertTrue(message(p).contains("but the entry cannot hold more than"), message(p));
        }
    }

    @Test
    void refusesBadKeysOnWrite() {
        Map<String, NdArray> m = Map.of("../x", new FloatArray(new int[] {1}, new float[] {1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npz.write(dir.resolve("k.npz"), m));
        assertTrue(e.getMessage().contains("path separator"), e.getMessage());
    }

    @Test
    void readerGivesHeadersWithoutReadingData() throws IOException {
        try (NpzReader r = NpzReader.open(Fixtures.path("weights_stored.npz"))) {
            assertEquals(new NpyHeader(DType.FLOAT32, ByteOrder.LITTLE_ENDIAN, new int[] {3, 4}), r.header("dense_1.weight"));
            assertEquals(null, r.header("nope"));
            assertThrows(NpyFormatException.class, () -> r.read("nope"));
        }
    }

    static byte[] npy(NdArray a) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, a);
        return out.toByteArray();
    }

    static void writeZip(Path p, Map<String, byte[]> entries, boolean deflate) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(p))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry z = new ZipEntry(e.getKey());
                if (!deflate) {
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(e.getValue());
                    z.setMethod(ZipEntry.STORED);
                    z.setSize(e.getValue().length);
                    z.setCrc(crc.getValue());
                }
                zip.putNextEntry(z);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }

    /** Where the (possibly compressed) bytes of the entry start: after its local header. */
    static int entryStart(byte[] zip, String entry) {
        int name = indexOf(zip, entry.getBytes(StandardCharsets.US_ASCII));
        int extra = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).getShort(name - 2);
        return name + entry.length() + extra;
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String message(Path p) {
        return assertThrows(NpyFormatException.class, () -> Npz.read(p)).getMessage();
    }
}
