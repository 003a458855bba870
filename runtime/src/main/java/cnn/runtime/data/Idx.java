package cnn.runtime.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST (unsigned bytes), gzip-compressed or not
 * (detected by the gzip magic {@code 1f 8b}). Sizes in the header are checked against what the
 * file can hold before anything is allocated.
 */
public final class Idx {

    /** gzip (deflate) cannot expand more than about 1032:1. */
    private static final long MAX_DEFLATE_RATIO = 1032;

    /** The dimensions and raw unsigned bytes of an IDX file. */
    public record Data(int[] dims, byte[] bytes) {

        public int count() {
            return dims[0];
        }
    }

    private Idx() {
    }

    public static Data read(Path file) throws IOException {
        long fileSize;
        try {
            fileSize = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": no such file");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
            long limit = gzip ? fileSize * MAX_DEFLATE_RATIO : fileSize;
            return read(new DataInputStream(in), file.toString(), limit);
        } catch (EOFException e) {
            throw new DatasetException(file + ": truncated IDX file");
        } catch (ZipException e) {
            throw new DatasetException(file + ": corrupt gzip data: " + e.getMessage(), e);
        }
    }

    private static Data read(DataInputStream in, String file, long limit) throws IOException {
        int magic = in.readInt();
        int type = (magic >>> 8) & 0xff;
        int rank = magic & 0xff;
        if ((magic >>> 16) != 0 || rank < 1 || rank > 4) {
            throw new DatasetException(file + ": not an IDX file (magic 0x" + Integer.toHexString(magic) + ")");
        }
        if (type != 0x08) {
            throw new DatasetException(file + ": IDX element type 0x" + Integer.toHexString(type)
                    + " is not supported (only unsigned bytes, 0x08)");
        }
        int[] dims = new int[rank];
        long n = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = in.readInt();
            if (dims[i] < 0) {
                throw new DatasetException(file + ": negative dimension " + dims[i]);
            }
            n *= dims[i];
            if (n > Math.min(limit, Integer.MAX_VALUE - 8)) {
                throw new DatasetException(file + ": header declares " + Arrays.toString(dims)
                        + " values, more than the file can hold");
            }
        }
        // read as the data comes rather than allocating what the header claims: a 1 MB gzip
        // file may claim a billion values (within deflate's ratio) and hold ten
        byte[] bytes = in.readNBytes((int) n);
        if (bytes.length < n) {
            throw new DatasetException(file + ": truncated: header declares " + n + " values, found " + bytes.length);
        }
        if (in.read() != -1) {
            throw new DatasetException(file + ": more data than the header declares " + Arrays.toString(dims));
        }
        return new Data(dims, bytes);
    }

    /** Images ({@code N x H x W}) scaled to [0, 1], one channel. */
    public static float[] images(Data d) {
        float[] out = new float[d.bytes().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (d.bytes()[i] & 0xff) / 255f;
        }
        return out;
    }

    /** Labels ({@code N}) as ints. */
    public static int[] labels(Data d) {
        int[] out = new int[d.bytes().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.bytes()[i] & 0xff;
        }
        return out;
    }
}
