package cnn.compiler.cli.detect;

import cnn.compiler.cli.CliException;
import cnn.runtime.data.Annotation;
import cnn.runtime.data.Dataset;
import cnn.runtime.data.DetectionDataset;
import cnn.runtime.data.Images;
import cnn.runtime.data.Resize;
import cnn.runtime.data.ShapeKind;
import cnn.runtime.data.SyntheticShapes;
import cnn.runtime.io.FloatArray;
import cnn.runtime.io.NdArray;
import cnn.runtime.io.Npy;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The image {@code cnnc detect} looks at: the model's input (HWC floats in [0, 1] at the model's
 * size) and the picture the boxes are drawn on, at the image's own size. A picture file is scaled
 * to the model's input (bilinear) and the boxes scaled back; an {@code .npy} must already have the
 * model's size; a {@code shapes} image is drawn at it, and knows what is really in it.
 *
 * @param name   how the report names it
 * @param pixels the model's input, {@code H·W·C} floats
 * @param picture the image at its own size, for drawing
 * @param truth  what a {@code shapes} image really holds, as the model's head reports it; empty otherwise
 */
public record DetectInput(String name, float[] pixels, BufferedImage picture, Optional<Findings> truth) {

    /** Picture width over model input width: boxes found on the input are multiplied by it. */
    public double scaleX(int modelWidth) {
        return (double) picture.getWidth() / modelWidth;
    }

    public double scaleY(int modelHeight) {
        return (double) picture.getHeight() / modelHeight;
    }

    /** A PNG, JPEG, BMP or GIF file, or an {@code .npy} of {@code H x W x C} (or {@code 1 x H x W x C}) float32. */
    static DetectInput file(Path file, int h, int w, int c) throws CliException {
        if (!Files.isRegularFile(file)) {
            throw new CliException(file + ": no such file", 1);
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            return npy(file, h, w, c);
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new CliException(file + ": cannot read the image: " + e.getMessage(), 1);
        }
        if (image == null) {
            throw new CliException(file + ": not an image this Java can read (PNG, JPEG, BMP, GIF) or an .npy", 1);
        }
        float[] own = Images.pixels(image, c);
        float[] pixels = Images.resize(own, image.getHeight(), image.getWidth(), c, h, w, Resize.BILINEAR);
        return new DetectInput(file.getFileName().toString(), pixels, image, Optional.empty());
    }

    private static DetectInput npy(Path file, int h, int w, int c) throws CliException {
        NdArray read;
        try {
            read = Npy.read(file);
        } catch (IOException e) {
            throw new CliException(file + ": " + e.getMessage(), 1);
        }
        if (!(read instanceof FloatArray x)) {
            throw new CliException(file + ": expected a float32 array, got " + read.dtype(), 1);
        }
        int[] s = x.shape();
        int[] image = s.length == 4 && s[0] == 1 ? Arrays.copyOfRange(s, 1, 4) : s;
        if (image.length != 3 || image[0] != h || image[1] != w || image[2] != c) {
            throw new CliException(file + ": shape " + Arrays.toString(s) + " is not one " + h + "x" + w + "x" + c
                    + " image, which the model takes (HWC, or 1 x H x W x C)", 1);
        }
        return new DetectInput(file.getFileName().toString(), x.data(), picture(x.data(), h, w, c), Optional.empty());
    }

    /**
     * A new synthetic {@code shapes} image drawn with {@code seed}, of the kind the model's head
     * trains on: several objects for yolo, at most one for localize, one triangle or square for
     * landmarks (3 or 4 points).
     */
    static DetectInput shapes(long seed, DetectionHeads heads, int h, int w, int c) throws CliException {
        float[] pixels = new float[h * w * c];
        String name = "shapes seed " + seed;
        Findings truth;
        try {
            if (heads instanceof DetectionHeads.Yolo) {
                DetectionDataset d = SyntheticShapes.detection(1, h, w, c, 4, seed);
                d.copyImage(0, pixels, 0);
                List<Annotation> objects = d.objects(0);
                truth = new Findings.Boxes(objects.stream().map(a -> new cnn.runtime.detect.Detection(a.box(),
                        a.label(), 1)).toList());
            } else if (heads instanceof DetectionHeads.Localize l) {
                Dataset d = SyntheticShapes.localization(1, h, w, c, seed);
                d.copyImage(0, pixels, 0);
                float[] t = new float[d.targetSize()];
                d.copyTarget(0, t, 0);
                truth = Decoder.localization(t, ShapeKind.values().length, h, w, 0.5, false);
            } else {
                int count = ((DetectionHeads.Landmarks) heads).count();
                if (count != 3 && count != 4) {
                    throw new CliException("--shapes draws triangles (3 landmarks) and squares (4); the model's "
                            + "landmarks head has " + count, 1);
                }
                Dataset d = SyntheticShapes.landmarks(1, h, w, c, count == 3 ? ShapeKind.TRIANGLE : ShapeKind.SQUARE,
                        seed);
                d.copyImage(0, pixels, 0);
                float[] t = new float[d.targetSize()];
                d.copyTarget(0, t, 0);
                truth = Decoder.landmarks(t, count, h, w, 0.5, false);
            }
        } catch (IllegalArgumentException e) {
            throw new CliException("--shapes: " + e.getMessage(), 1);
        }
        return new DetectInput(name, pixels, picture(pixels, h, w, c), Optional.of(truth));
    }

    /** HWC floats in [0, 1] as an RGB picture (gray repeated over the three colours). */
    static BufferedImage picture(float[] hwc, int h, int w, int c) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * c;
                int r = level(hwc[o]);
                int g = c == 3 ? level(hwc[o + 1]) : r;
                int b = c == 3 ? level(hwc[o + 2]) : r;
                out.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return out;
    }

    private static int level(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255)));
    }
}
