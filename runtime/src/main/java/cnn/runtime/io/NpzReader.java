package cnn.runtime.io;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An open {@code .npz} archive. Opening checks every entry's name and {@code .npy} header, so
 * shapes and types can be compared before any data is read; {@link #read} then reads one array,
 * checking its size against the archive's declared sizes, its CRC, and deflate's maximum ratio
 * so that an entry that inflates beyond what it declares (a zip bomb) is refused early.
 */
public final class NpzReader implements Closeable {

    /** Deflate cannot expand more than about 1032:1; anything beyond is a lie. */
    private static final long MAX_DEFLATE_RATIO = 1032;

    private record Entry(ZipEntry zip, NpyHeader header, int headerLength) {
    }

    private final String file;
    private final ZipFile zip;
    private final Map<String, Entry> entries;

    private NpzReader(String file, ZipFile zip, Map<String, Entry> entries) {
        this.file = file;
        this.zip = zip;
        this.entries = entries;
    }

    public static NpzReader open(Path path) throws IOException {
        String file = path.toString();
        long fileSize = Npy.size(path);
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile());
        } catch (ZipException e) {
            throw new NpyFormatException(file, null, "not a valid .npz (zip) archive: " + e.getMessage(), e);
        }
        try {
            Map<String, Entry> entries = new LinkedHashMap<>();
            var it = zip.entries();
            while (it.hasMoreElements()) {
                ZipEntry z = it.nextElement();
                String key = key(file, z.getName());
                if (entries.containsKey(key)) {
                    throw new NpyFormatException(file, z.getName(), "duplicate entry: the key '" + key
                            + "' appears more than once");
                }
                if (z.getCompressedSize() > fileSize) {
                    throw new NpyFormatException(file, z.getName(), "declares " + z.getCompressedSize()
                            + " compressed bytes, more than the whole file");
                }
                long limit = limit(z);
                NpyHeader header;
                int headerLength;
                try (InputStream in = zip.getInputStream(z)) {
                    Npy.Prefix p = Npy.readPrefix(in, file, z.getName(), limit);
                    header = p.header();
                    headerLength = p.length();
                } catch (ZipException e) {
                    throw new NpyFormatException(file, z.getName(), "corrupt entry: " + e.getMessage(), e);
                }
                entries.put(key, new Entry(z, header, headerLength));
            }
            return new NpzReader(file, zip, entries);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    /** The key of an entry {@code <key>.npy}; refuses names that are paths or not arrays. */
    private static String key(String file, String name) throws NpyFormatException {
        if (!name.endsWith(".npy") || name.length() == 4) {
            throw new NpyFormatException(file, name, "entry is not an .npy array (names must be <key>.npy)");
        }
        String key = name.substring(0, name.length() - 4);
        String problem = Npz.keyProblem(key);
        if (problem != null) {
            throw new NpyFormatException(file, name, "unsafe entry name: " + problem);
        }
        return key;
    }

    /** The most bytes the entry can honestly inflate to, or -1 if nothing is known. */
    private static long limit(ZipEntry z) {
        long declared = z.getSize();
        long bound = z.getMethod() == ZipEntry.STORED ? z.getCompressedSize()
                : z.getCompressedSize() < 0 ? -1 : z.getCompressedSize() * MAX_DEFLATE_RATIO + 64;
        if (declared < 0) {
            return bound;
        }
        return bound < 0 ? declared : Math.min(declared, bound);
    }

    public String file() {
        return file;
    }

    /** Keys in archive order (the order numpy.savez was given them). */
    public List<String> keys() {
        return Collections.unmodifiableList(new ArrayList<>(entries.keySet()));
    }

    public boolean contains(String key) {
        return entries.containsKey(key);
    }

    /** The header of {@code key}'s array, or {@code null} if there is no such key. */
    public NpyHeader header(String key) {
        Entry e = entries.get(key);
        return e == null ? null : e.header();
    }

    public NdArray read(String key) throws IOException {
        Entry e = entries.get(key);
        if (e == null) {
            throw new NpyFormatException(file, null, "no array named '" + key + "'");
        }
        String name = e.zip().getName();
        NpyHeader h = e.header();
        long needed = e.headerLength() + h.dataBytes();
        long declared = e.zip().getSize();
        if (declared >= 0 && declared != needed) {
            throw new NpyFormatException(file, name, "header declares " + h + " (" + needed
                    + " bytes with the header) but the archive declares " + declared + " bytes for the entry");
        }
        long limit = limit(e.zip());
        if (limit >= 0 && needed > limit) {
            throw new NpyFormatException(file, name, "header declares " + h + " (" + needed
                    + " bytes) but the entry cannot hold more than " + limit + " bytes");
        }
        try (CheckedInputStream in = new CheckedInputStream(
                new BufferedInputStream(zip.getInputStream(e.zip()), 1 << 16), new CRC32())) {
            Npy.readPrefix(in, file, name, limit);
            NdArray array = Npy.readData(in, h, file, name);
            if (in.read() != -1) {
                throw new NpyFormatException(file, name, "entry holds more bytes than its header declares");
            }
            if (e.zip().getCrc() >= 0 && in.getChecksum().getValue() != e.zip().getCrc()) {
                throw new NpyFormatException(file, name, "CRC mismatch: the data is corrupt");
            }
            return array;
        } catch (ZipException | java.io.EOFException ex) {
            throw new NpyFormatException(file, name, "corrupt entry: " + ex.getMessage(), ex);
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
