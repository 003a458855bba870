package cnn.runtime.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Images in one subfolder per class ({@code DIR/cat/1.png}, {@code DIR/dog/7.jpg}); classes are
 * the sorted subfolder names, numbered from 0. Every image is decoded with javax.imageio when
 * loading (so a bad file is reported at once, by name), converted to the model's channels (gray
 * by BT.601 luma, or gray repeated to RGB), resized to the model's input, and kept as bytes.
 */
public final class ImageFolder implements Dataset {

    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif", "wbmp");

    private final int height;
    private final int width;
    private final int channels;
    private final List<String> classNames;
    private final byte[] pixels;
    private final int[] labels;
    private final List<Path> files;

    private ImageFolder(int height, int width, int channels, List<String> classNames, byte[] pixels, int[] labels,
                        List<Path> files) {
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.classNames = classNames;
        this.pixels = pixels;
        this.labels = labels;
        this.files = files;
    }

    public static ImageFolder load(Path dir, int height, int width, int channels, Resize resize) throws IOException {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("image folders give 1 (gray) or 3 (RGB) channels, not " + channels);
        }
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(dir + ": no such directory");
        }
        List<Path> classDirs;
        try (Stream<Path> s = Files.list(dir)) {
            classDirs = s.filter(Files::isDirectory).filter(p -> !hidden(p)).sorted().toList();
        }
        if (classDirs.isEmpty()) {
            throw new DatasetException(dir + ": no class subfolders (expected one folder of images per class)");
        }
        List<String> names = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path classDir : classDirs) {
            List<Path> images;
            try (Stream<Path> s = Files.list(classDir)) {
                images = s.filter(Files::isRegularFile).filter(p -> !hidden(p)).filter(ImageFolder::isImage).sorted().toList();
            }
            if (images.isEmpty()) {
                throw new DatasetException(classDir + ": class folder holds no images (" + String.join(", ",
                        EXTENSIONS.stream().sorted().toList()) + ")");
            }
            for (Path f : images) {
                files.add(f);
                labels.add(names.size());
            }
            names.add(classDir.getFileName().toString());
        }
        int sample = height * width * channels;
        byte[] pixels = new byte[Math.multiplyExact(files.size(), sample)];
        for (int i = 0; i < files.size(); i++) {
            BufferedImage image = decode(files.get(i));
            float[] resized = Images.resize(Images.pixels(image, channels), image.getHeight(), image.getWidth(),
                    channels, height, width, resize);
            for (int k = 0; k < sample; k++) {
                // bytes, like PIL images in torchvision: a quarter of the memory of floats
                pixels[i * sample + k] = (byte) Math.round(Math.max(0, Math.min(1, resized[k])) * 255);
            }
        }
        int[] l = labels.stream().mapToInt(Integer::intValue).toArray();
        return new ImageFolder(height, width, channels, List.copyOf(names), pixels, l, List.copyOf(files));
    }

    /** Dot files and folders (.git, .DS_Store, editors' backups) are not data. */
    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private static boolean isImage(Path f) {
        String name = f.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Pixels an image may have (64 M, e.g. 8192 x 8192). A PNG of a few hundred bytes can declare
     * 100,000 x 100,000 pixels; decoding it would allocate 40 GB before finding the data missing.
     */
    static final long MAX_PIXELS = 1L << 26;

    private static BufferedImage decode(Path f) throws DatasetException {
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(f.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new DatasetException(f + ": not an image javax.imageio can read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new DatasetException(f + ": the image declares " + reader.getWidth(0) + " x "
                            + reader.getHeight(0) + " pixels, more than " + MAX_PIXELS + " (8192 x 8192)");
                }
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new DatasetException(f + ": cannot read image: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new DatasetException(f + ": not an image javax.imageio can read");
        }
        return image;
    }

    /** The class folder names; the label of a sample is an index into this list. */
    public List<String> classNames() {
        return classNames;
    }

    /** The file sample {@code index} was read from. */
    public Path file(int index) {
        return files.get(index);
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public void copyImage(int index, float[] dst, int offset) {
        int n = sampleSize();
        int base = index * n;
        for (int k = 0; k < n; k++) {
            dst[offset + k] = (pixels[base + k] & 0xff) / 255f;
        }
    }

    @Override
    public int classes() {
        return classNames.size();
    }

    @Override
    public int label(int index) {
        return labels[index];
    }
}
