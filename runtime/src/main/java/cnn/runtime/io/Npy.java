package cnn.runtime.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads and writes numpy's {@code .npy} format (versions 1.0, 2.0 and 3.0, C order). Reading
 * never allocates from a size in the file before checking it against the bytes that follow.
 */
public final class Npy {

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy itself refuses headers above 10000 bytes by default; this leaves room. */
    static final int MAX_HEADER_BYTES = 1 << 16;
    private static final int CHUNK = 1 << 16;

    private Npy() {
    }

    /** A parsed header and how many bytes (magic and padding included) it took. */
    record Prefix(NpyHeader header, int length) {
    }

    // ---- reading ----

    public static NdArray read(Path file) throws IOException {
        String name = file.toString();
        long size = size(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), CHUNK)) {
            Prefix p = readPrefix(in, name, null, size);
            long available = size - p.length();
            NpyHeader h = p.header();
            if (available != h.dataBytes()) {
                throw new NpyFormatException(name, null, "header declares " + h + " (" + h.dataBytes()
                        + " bytes of data) but the file holds " + available + " bytes after the header");
            }
            return readData(in, h, name, null);
        }
    }

    /** Reads a float array; float64 files are converted, integer files are refused. */
    public static FloatArray readFloat(Path file) throws IOException {
        NdArray a = read(file);
        if (a instanceof FloatArray f) {
            return f;
        }
        throw new NpyFormatException(file.toString(), null, "expected a float32 array, found integers");
    }

    static long size(Path file) throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
    }

    /**
     * Reads magic, version and header. {@code limit} is how many bytes the stream can hold at
     * most ({@code -1} if unknown), used to refuse header lengths that cannot be true.
     */
    static Prefix readPrefix(InputStream in, String file, String entry, long limit) throws IOException {
        byte[] start = in.readNBytes(8);
        if (start.length < MAGIC.length || !java.util.Arrays.equals(java.util.Arrays.copyOf(start, 6), MAGIC)) {
            throw new NpyFormatException(file, entry, start.length == 0 ? "empty file, not an .npy array"
                    : "not an .npy array (wrong magic bytes)");
        }
        if (start.length < 8) {
            throw new NpyFormatException(file, entry, "truncated in the .npy header");
        }
        int major = start[6] & 0xff;
        int minor = start[7] & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw new NpyFormatException(file, entry, "unsupported .npy format version " + major + "." + minor
                    + " (supported: 1.0, 2.0, 3.0)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] len = in.readNBytes(lengthBytes);
        if (len.length < lengthBytes) {
            throw new NpyFormatException(file, entry, "truncated in the .npy header");
        }
        long headerLength = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffffL;
        if (major > 1) {
            headerLength = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
        }
        int prefixLength = 8 + lengthBytes;
        if (headerLength > MAX_HEADER_BYTES || (limit >= 0 && headerLength > limit - prefixLength)) {
            throw new NpyFormatException(file, entry, headerLength > MAX_HEADER_BYTES
                    ? "header length " + headerLength + " is larger than " + MAX_HEADER_BYTES + " bytes"
                    : "truncated: header length " + headerLength + " runs beyond the end of the data");
        }
        byte[] header = in.readNBytes((int) headerLength);
        if (header.length < headerLength) {
            throw new NpyFormatException(file, entry, "truncated in the .npy header");
        }
        String text = new String(header, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        try {
            return new Prefix(HeaderParser.parse(text), prefixLength + (int) headerLength);
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException(file, entry, e.getMessage());
        }
    }

    /** Reads exactly the data the header declares. */
    static NdArray readData(InputStream in, NpyHeader h, String file, String entry) throws IOException {
        int n = h.elements();
        DType type = h.dtype();
        int item = type.itemSize();
        float[] floats = type.isFloat() ? new float[n] : null;
        int[] ints = type.isFloat() ? null : new int[n];
        byte[] buf = new byte[CHUNK];
        int done = 0;
        while (done < n) {
            int count = Math.min(n - done, CHUNK / item);
            int got;
            try {
                got = in.readNBytes(buf, 0, count * item);
            } catch (EOFException e) {
                got = -1;
            }
            if (got < count * item) {
                long have = (long) done * item + Math.max(got, 0);
                throw new NpyFormatException(file, entry, "truncated: header declares " + h + " (" + h.dataBytes()
                        + " bytes of data) but only " + have + " bytes follow");
            }
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, got).order(h.order());
            if (floats != null) {
                decodeFloats(bb, type, floats, done, count);
            } else {
                decodeInts(bb, type, ints, done, count, file, entry);
            }
            done += count;
        }
        return floats != null ? new FloatArray(h.shape(), floats) : new IntArray(h.shape(), ints);
    }

    private static void decodeFloats(ByteBuffer bb, DType type, float[] out, int off, int count) {
        if (type == DType.FLOAT32) {
            bb.asFloatBuffer().get(out, off, count);
        } else {
            for (int i = 0; i < count; i++) {
                out[off + i] = (float) bb.getDouble();
            }
        }
    }

    private static void decodeInts(ByteBuffer bb, DType type, int[] out, int off, int count, String file, String entry)
            throws NpyFormatException {
        for (int i = 0; i < count; i++) {
            long v = switch (type) {
                case INT8 -> bb.get();
                case UINT8 -> bb.get() & 0xff;
                case BOOL -> bb.get() != 0 ? 1 : 0;
                case INT16 -> bb.getShort();
                case UINT16 -> bb.getShort() & 0xffff;
                case INT32 -> bb.getInt();
                case UINT32 -> bb.getInt() & 0xffffffffL;
                case INT64 -> bb.getLong();
                case UINT64 -> {
                    long u = bb.getLong();
                    yield u < 0 ? Long.MAX_VALUE : u; // above 2^63: certainly too large for an int
                }
                default -> throw new IllegalStateException(type.name());
            };
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new NpyFormatException(file, entry, "value at index " + (off + i) + " does not fit in a 32-bit int");
            }
            out[off + i] = (int) v;
        }
    }

    // ---- writing ----

    /** Writes atomically (see {@link AtomicFile}). */
    public static void write(Path file, NdArray array) throws IOException {
        AtomicFile.write(file, out -> write(out, array));
    }

    /** Writes the {@code .npy} bytes of {@code array} to {@code out} (little endian, version 1.0 when it fits). */
    public static void write(OutputStream out, NdArray array) throws IOException {
        out.write(header(array.dtype(), array.shape()));
        byte[] buf = new byte[CHUNK];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
        if (array instanceof FloatArray f) {
            float[] d = f.data();
            for (int i = 0; i < d.length; i += CHUNK / 4) {
                int count = Math.min(CHUNK / 4, d.length - i);
                bb.clear();
                bb.asFloatBuffer().put(d, i, count);
                out.write(buf, 0, count * 4);
            }
        } else if (array instanceof IntArray a) {
            int[] d = a.data();
            for (int i = 0; i < d.length; i += CHUNK / 4) {
                int count = Math.min(CHUNK / 4, d.length - i);
                bb.clear();
                bb.asIntBuffer().put(d, i, count);
                out.write(buf, 0, count * 4);
            }
        }
    }

    /** The number of bytes {@link #write(OutputStream, NdArray)} produces. */
    public static long byteSize(NdArray array) {
        return header(array.dtype(), array.shape()).length + (long) array.size() * array.dtype().itemSize();
    }

    /** Magic, version, length and the dict padded with spaces to a multiple of 64 bytes, as numpy does. */
    static byte[] header(DType type, int[] shape) {
        StringBuilder tuple = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            tuple.append(i > 0 ? ", " : "").append(shape[i]);
        }
        tuple.append(shape.length == 1 ? ",)" : ")");
        String dict = "{'descr': '" + type.descr(ByteOrder.LITTLE_ENDIAN) + "', 'fortran_order': False, 'shape': "
                + tuple + ", }";
        int prefix = 10;
        int total = pad(prefix + dict.length() + 1);
        if (total - prefix > 0xffff) {
            prefix = 12;
            total = pad(prefix + dict.length() + 1);
        }
        int headerLength = total - prefix;
        ByteBuffer bb = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(MAGIC).put((byte) (prefix == 10 ? 1 : 2)).put((byte) 0);
        if (prefix == 10) {
            bb.putShort((short) headerLength);
        } else {
            bb.putInt(headerLength);
        }
        bb.put(dict.getBytes(StandardCharsets.ISO_8859_1));
        while (bb.position() < total - 1) {
            bb.put((byte) ' ');
        }
        bb.put((byte) '\n');
        return bb.array();
    }

    private static int pad(int n) {
        return (n + 63) / 64 * 64;
    }
}
