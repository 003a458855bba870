package cnn.runtime.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * numpy's {@code .npz}: a zip of {@code <key>.npy} entries, keys in insertion order. Reads
 * STORED ({@code numpy.savez}) and DEFLATED ({@code numpy.savez_compressed}) entries.
 */
public final class Npz {

    private Npz() {
    }

    /** All arrays, in archive order. */
    public static Map<String, NdArray> read(Path file) throws IOException {
        try (NpzReader reader = NpzReader.open(file)) {
            Map<String, NdArray> out = new LinkedHashMap<>();
            for (String key : reader.keys()) {
                out.put(key, reader.read(key));
            }
            return out;
        }
    }

    /** Writes uncompressed, like {@code numpy.savez}; atomic (see {@link AtomicFile}). */
    public static void write(Path file, Map<String, ? extends NdArray> arrays) throws IOException {
        write(file, arrays, false);
    }

    /** Writes the arrays in the map's order, deflated when {@code compress}; atomic. */
    public static void write(Path file, Map<String, ? extends NdArray> arrays, boolean compress) throws IOException {
        for (String key : arrays.keySet()) {
            String problem = keyProblem(key);
            if (problem != null) {
                throw new IllegalArgumentException("cannot write key '" + key + "' to " + file + ": " + problem);
            }
        }
        AtomicFile.write(file, out -> write(out, arrays, compress));
    }

    /** Writes the archive to a stream (not closed). */
    public static void write(OutputStream out, Map<String, ? extends NdArray> arrays, boolean compress)
            throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Map.Entry<String, ? extends NdArray> e : arrays.entrySet()) {
            ZipEntry z = new ZipEntry(e.getKey() + ".npy");
            z.setTime(0); // stable bytes for the same arrays
            if (compress) {
                z.setMethod(ZipEntry.DEFLATED);
            } else {
                // STORED needs size and CRC before the data: compute them in a first pass.
                CRC32 crc = new CRC32();
                Npy.write(new CheckedOutputStream(OutputStream.nullOutputStream(), crc), e.getValue());
                long size = Npy.byteSize(e.getValue());
                z.setMethod(ZipEntry.STORED);
                z.setSize(size);
                z.setCompressedSize(size);
                z.setCrc(crc.getValue());
            }
            zip.putNextEntry(z);
            Npy.write(zip, e.getValue());
            zip.closeEntry();
        }
        zip.finish();
    }

    /** Why {@code key} cannot be an archive key, or {@code null} if it can. */
    static String keyProblem(String key) {
        if (key.isEmpty()) {
            return "empty key";
        }
        if (key.indexOf('/') >= 0 || key.indexOf('\\') >= 0) {
            return "key '" + key + "' contains a path separator";
        }
        if (key.equals(".") || key.equals("..")) {
            return "key '" + key + "' is a path";
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.isISOControl(key.charAt(i))) {
                return "key contains a control character";
            }
        }
        return null;
    }
}
