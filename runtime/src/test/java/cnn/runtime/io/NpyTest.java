package cnn.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    /** What make_fixtures.py saves: arange(6).reshape(2, 3) * 0.5 - 1. */
    private static final FloatArray A = new FloatArray(new int[] {2, 3}, new float[] {-1f, -0.5f, 0f, 0.5f, 1f, 1.5f});

    @TempDir
    Path dir;

    @Test
    void readsFloat32WrittenByNumpy() throws IOException {
        assertEquals(A, Npy.read(Fixtures.path("f4_2x3.npy")));
    }

    @Test
    void convertsFloat64BigEndianAndLaterVersions() throws IOException {
        assertEquals(A, Npy.read(Fixtures.path("f8_2x3.npy")));
        assertArrayEquals(new float[] {(float) (1.0 / 3), Float.POSITIVE_INFINITY},
                assertInstanceOf(FloatArray.class, Npy.read(Fixtures.path("f8_third.npy"))).data());
        assertEquals(A, Npy.read(Fixtures.path("f4_be_2x3.npy")));
        assertEquals(A, Npy.read(Fixtures.path("f4_v2_2x3.npy")));
        assertEquals(A, Npy.read(Fixtures.path("f4_v3_2x3.npy")));
    }

    @Test
    void readsScalarsAndEmptyArrays() throws IOException {
        assertEquals(new FloatArray(new int[0], new float[] {3.25f}), Npy.read(Fixtures.path("f4_scalar.npy")));
        assertEquals(new FloatArray(new int[] {0, 4}, new float[0]), Npy.read(Fixtures.path("f4_empty_0x4.npy")));
    }

    @Test
    void readsIntegerAndBoolArrays() throws IOException {
        int[] labels = {9, 0, 0, 3, 0, 2, 7, 2, 5, 5};
        assertEquals(new IntArray(new int[] {10}, labels), Npy.read(Fixtures.path("i8_labels.npy")));
        assertEquals(new IntArray(new int[] {10}, labels), Npy.read(Fixtures.path("u1_labels.npy")));
        assertArrayEquals(new int[] {-128, -1, 0, 127}, ints("i1_values.npy"));
        assertArrayEquals(new int[] {-32768, 300, 32767}, ints("i2_values.npy"));
        assertArrayEquals(new int[] {0, 65535}, ints("u2_values.npy"));
        assertArrayEquals(new int[] {-2, 70000}, ints("i4_be_values.npy"));
        assertArrayEquals(new int[] {1, 0, 1}, ints("b1_values.npy"));
    }

    private static int[] ints(String name) throws IOException {
        return assertInstanceOf(IntArray.class, Npy.read(Fixtures.path(name))).data();
    }

    @Test
    void refusesValuesBeyondInt32() {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(Fixtures.path("u4_values.npy")));
        assertTrue(e.getMessage().contains("u4_values.npy") && e.getMessage().contains("index 1"), e.getMessage());
    }

    @Test
    void refusesFortranOrderWithAHint() {
        NpyFormatException e = assertThrows(NpyFormatException.class,
                () -> Npy.read(Fixtures.path("f4_fortran_2x3.npy")));
        assertTrue(e.getMessage().contains("Fortran order") && e.getMessage().contains("ascontiguousarray"),
                e.getMessage());
    }

    @Test
    void refusesUnsupportedDtype() {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(Fixtures.path("f2_values.npy")));
        assertTrue(e.getMessage().contains("unsupported dtype '<f2'"), e.getMessage());
    }

    @Test
    void writesTheSameBytesAsNumpy() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, A);
        assertArrayEquals(Files.readAllBytes(Fixtures.path("f4_2x3.npy")), out.toByteArray());
        ByteArrayOutputStream scalar = new ByteArrayOutputStream();
        Npy.write(scalar, new FloatArray(new int[0], new float[] {3.25f}));
        assertArrayEquals(Files.readAllBytes(Fixtures.path("f4_scalar.npy")), scalar.toByteArray());
        assertEquals(out.size(), Npy.byteSize(A));
    }

    @Test
    void roundTripsFloatsAndInts() throws IOException {
        float[] big = new float[100_003];
        for (int i = 0; i < big.length; i++) {
            big[i] = (float) Math.sin(i) * 1e3f;
        }
        FloatArray f = new FloatArray(new int[] {7, 14286, 1}, Arrays.copyOf(big, 100_002));
        Npy.write(dir.resolve("f.npy"), f);
        assertEquals(f, Npy.read(dir.resolve("f.npy")));
        IntArray i = new IntArray(new int[] {3}, new int[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE});
        Npy.write(dir.resolve("i.npy"), i);
        assertEquals(i, Npy.read(dir.resolve("i.npy")));
    }

    @Test
    void refusesWrongMagicAndEmptyFiles() throws IOException {
        Path p = dir.resolve("bad.npy");
        Files.writeString(p, "PK\u0003\u0004 not numpy at all");
        assertTrue(message(p).contains("wrong magic"), message(p));
        Files.write(p, new byte[0]);
        assertTrue(message(p).contains("empty file"), message(p));
    }

    @Test
    void refusesTruncationAnywhere() throws IOException {
        byte[] good = Files.readAllBytes(Fixtures.path("f4_2x3.npy"));
        for (int cut : new int[] {7, 9, 40, 127, good.length - 1}) {
            Path p = dir.resolve("cut" + cut + ".npy");
            Files.write(p, Arrays.copyOf(good, cut));
            String m = message(p);
            assertTrue(m.startsWith(p.toString() + ": "), m);
            assertTrue(m.contains("truncated") || m.contains("bytes after the header"), m);
        }
    }

    @Test
    void refusesHeaderThatLiesAboutTheData() throws IOException {
        Path p = dir.resolve("lie.npy");
        Files.write(p, withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 4), }", 24));
        assertTrue(message(p).contains("32 bytes of data) but the file holds 24"), message(p));
        Files.write(p, withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", 24));
        assertTrue(message(p).contains("16 bytes of data) but the file holds 24"), message(p));
    }

    @Test
    void refusesNegativeAndHugeDimensionsBeforeAllocating() throws IOException {
        Path p = dir.resolve("dims.npy");
        Files.write(p, withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (-3, 4), }", 0));
        assertTrue(message(p).contains("negative dimension"), message(p));
        Files.write(p, withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000), }", 8));
        assertTrue(message(p).contains("more than"), message(p));
        Files.write(p, withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (2000000000,), }", 8));
        assertTrue(message(p).contains("16000000000 bytes of data) but the file holds 8"), message(p));
        Files.write(p, withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,), }", 8));
        assertTrue(message(p).contains("too large"), message(p));
    }

    @Test
    void refusesMalformedHeaders() throws IOException {
        Path p = dir.resolve("h.npy");
        String[] bad = {
            "{'descr': '<f4', 'shape': (2,), }",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'extra': 1}",
            "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2,)",
            "not a dict",
        };
        for (String h : bad) {
            Files.write(p, withHeader(h, 8));
            assertTrue(message(p).startsWith(p + ": "), message(p));
        }
        byte[] hugeHeader = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .put(Npy.MAGIC).put((byte) 2).put((byte) 0).putInt(Integer.MAX_VALUE).array();
        Files.write(p, hugeHeader);
        assertTrue(message(p).contains("header length 2147483647"), message(p));
    }

    @Test
    void namesAMissingFile() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Npy.read(dir.resolve("nope.npy")));
        assertTrue(e.getMessage().contains("nope.npy: no such file"), e.getMessage());
    }

    @Test
    void refusesIntegersWhereFloatsAreNeeded() {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.readFloat(Fixtures.path("i8_labels.npy")));
        assertTrue(e.getMessage().contains("expected a float32 array"), e.getMessage());
    }

    /** A version 1.0 file with the given header dict and {@code dataBytes} zero bytes of data. */
    static byte[] withHeader(String dict, int dataBytes) {
        byte[] text = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        return ByteBuffer.allocate(10 + text.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN)
                .put(Npy.MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text).array();
    }

    private static String message(Path p) {
        return assertThrows(NpyFormatException.class, () -> Npy.read(p)).getMessage();
    }
}
