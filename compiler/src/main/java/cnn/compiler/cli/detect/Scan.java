package cnn.compiler.cli.detect;

import cnn.compiler.cli.CliException;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Shape;
import cnn.compiler.jit.JitException;
import cnn.compiler.jit.JitModels;
import cnn.runtime.data.Images;
import cnn.runtime.data.Resize;
import cnn.runtime.data.SyntheticShapes;
import cnn.runtime.model.Model;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The lecture notes' two sliding-window detectors side by side: a {@code slide D over …} model
 * run once over an image, and D run on every window of it (all windows in one batch, on the same
 * threads). It checks that both give the same scores and measures how much faster one pass is.
 */
public final class Scan {

    /**
     * @param scanner the sliding-window model; {@code detector} the model it slides
     * @param input   an image file scaled to the scanner's input, or null for a shapes image
     * @param shapes  the seed of the shapes image (with several objects) when {@code input} is null
     * @param repeat  timed runs of each way, after as many untimed ones
     */
    public record Request(Network scanner, Network detector, Path weights, Path input, long shapes, int repeat,
                          String labels) {
    }

    /** What was measured. */
    public record Result(int rows, int cols, int stride, double largestDifference, double scanSeconds,
                         double windowSeconds) {
        public double speedup() {
            return windowSeconds / scanSeconds;
        }
    }

    private Scan() {
    }

    public static Result run(Request r, PrintWriter out) throws CliException, IOException, JitException {
        Network scanner = r.scanner();
        Network detector = r.detector();
        int h = (int) scanner.input().h();
        int w = (int) scanner.input().w();
        int c = (int) scanner.input().c();
        int wh = (int) detector.input().h();
        int ww = (int) detector.input().w();
        if (!(scanner.shapeOf(scanner.outputs().get(0)) instanceof Shape.Grid grid)) {
            throw new CliException(scanner.name() + "'s output is not a grid of windows", 1);
        }
        int rows = (int) grid.h();
        int cols = (int) grid.w();
        int classes = (int) grid.c();
        int stride = stride(h, wh, rows, w, ww, cols);
        float[] image = image(r, h, w, c);

        Model scan = JitModels.compile(scanner).load(r.weights());
        Model each = JitModels.compile(detector).load(r.weights());
        int n = rows * cols;
        float[] windows = new float[n * wh * ww * c];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int at = (i * cols + j) * wh * ww * c;
                for (int y = 0; y < wh; y++) {
                    System.arraycopy(image, ((i * stride + y) * w + j * stride) * c, windows, at + y * ww * c, ww * c);
                }
            }
        }
        float[] one = new float[n * classes];
        float[] perWindow = new float[n * classes];
        scan.predict(image, 1, one);
        each.predict(windows, n, perWindow);
        double largest = 0;
        for (int k = 0; k < one.length; k++) {
            largest = Math.max(largest, Math.abs(one[k] - perWindow[k]));
        }
        double scanSeconds = time(r.repeat(), () -> scan.predict(image, 1, one));
        double windowSeconds = time(r.repeat(), () -> each.predict(windows, n, perWindow));
        Result result = new Result(rows, cols, stride, largest, scanSeconds, windowSeconds);

        out.printf(Locale.ROOT, "%s over %dx%dx%d: %d x %d windows of %dx%d, stride %d (%d windows)%n",
                scanner.name(), h, w, c, rows, cols, wh, ww, stride, n);
        out.printf(Locale.ROOT, "largest difference from %s on every window: %.2g%n", detector.name(), largest);
        out.printf(Locale.ROOT, "one pass: %.3f ms; %s on the %d windows (one batch): %.3f ms; %.1fx faster "
                + "(median of %d runs)%n", scanSeconds * 1e3, detector.name(), n, windowSeconds * 1e3,
                result.speedup(), r.repeat());
        if (cols <= 64) {
            out.println("most likely class per window (" + legend(classes, Labels.parse(r.labels())) + "):");
            for (int i = 0; i < rows; i++) {
                StringBuilder line = new StringBuilder("  ");
                for (int j = 0; j < cols; j++) {
                    int best = 0;
                    for (int k = 1; k < classes; k++) {
                        if (one[(i * cols + j) * classes + k] > one[(i * cols + j) * classes + best]) {
                            best = k;
                        }
                    }
                    line.append(symbol(best));
                }
                out.println(line);
            }
        }
        out.flush();
        return result;
    }

    /** The product of the detector's strides, from the geometry of the scanner's grid. */
    static int stride(int h, int wh, int rows, int w, int ww, int cols) throws CliException {
        int sy = rows > 1 ? (h - wh) / (rows - 1) : 1;
        int sx = cols > 1 ? (w - ww) / (cols - 1) : 1;
        boolean exact = (rows == 1 || (rows - 1) * sy == h - wh) && (cols == 1 || (cols - 1) * sx == w - ww);
        if (!exact || (rows > 1 && cols > 1 && sy != sx)) {
            throw new CliException("the scanner's " + rows + "x" + cols + " grid over " + h + "x" + w + " does not "
                    + "step evenly by one stride over " + wh + "x" + ww + " windows", 1);
        }
        return rows > 1 ? sy : sx;
    }

    private static float[] image(Request r, int h, int w, int c) throws CliException {
        if (r.input() == null) {
            float[] pixels = new float[h * w * c];
            SyntheticShapes.detection(1, h, w, c, 4, r.shapes()).copyImage(0, pixels, 0);
            return pixels;
        }
        if (!Files.isRegularFile(r.input())) {
            throw new CliException(r.input() + ": no such file", 1);
        }
        try {
            BufferedImage picture = ImageIO.read(r.input().toFile());
            if (picture == null) {
                throw new CliException(r.input() + ": not an image this Java can read (PNG, JPEG, BMP, GIF)", 1);
            }
            return Images.resize(Images.pixels(picture, c), picture.getHeight(), picture.getWidth(), c, h, w,
                    Resize.BILINEAR);
        } catch (IOException e) {
            throw new CliException(r.input() + ": cannot read the image: " + e.getMessage(), 1);
        }
    }

    /** The median wall time of {@code repeat} runs, after {@code repeat} untimed ones to warm the JIT up. */
    private static double time(int repeat, Runnable run) {
        for (int i = 0; i < repeat; i++) {
            run.run();
        }
        double[] times = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long start = System.nanoTime();
            run.run();
            times[i] = (System.nanoTime() - start) / 1e9;
        }
        java.util.Arrays.sort(times);
        return times[repeat / 2];
    }

    private static char symbol(int k) {
        return k < 9 ? (char) ('0' + k) : (char) ('a' + k - 9);
    }

    private static String legend(int classes, Labels labels) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < Math.min(classes, 35); k++) {
            b.append(k == 0 ? "" : ", ").append(symbol(k)).append(" = ").append(labels.of(k));
        }
        return b.toString();
    }
}
