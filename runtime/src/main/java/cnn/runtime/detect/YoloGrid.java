package cnn.runtime.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of a {@code yolo} head and how its grid reads as boxes. The head's output is a
 * {@code rows x cols x A·(5 + C)} grid in NHWC order; per cell and anchor the values are
 * {@code [tx, ty, tw, th, objectness, c1 … cC]}, decoded as
 * <pre>
 *   centre x = (col + σ(tx)) · cellWidth      width  = anchor width  · e^tw
 *   centre y = (row + σ(ty)) · cellHeight     height = anchor height · e^th
 *   score    = σ(objectness) · softmax(c)[class]
 * </pre>
 * in input pixels, cells being {@code inputWidth / cols} by {@code inputHeight / rows} pixels.
 */
public record YoloGrid(int inputHeight, int inputWidth, int rows, int cols, List<Anchor> anchors, int classes) {

    public static final int TX = 0;
    public static final int TY = 1;
    public static final int TW = 2;
    public static final int TH = 3;
    public static final int OBJECTNESS = 4;
    public static final int FIRST_CLASS = 5;

    public YoloGrid {
        anchors = List.copyOf(anchors);
        if (inputHeight < 1 || inputWidth < 1 || rows < 1 || cols < 1) {
            throw new IllegalArgumentException("yolo: input " + inputHeight + "x" + inputWidth + " and grid " + rows
                    + "x" + cols + " must have sizes of at least 1");
        }
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("yolo: needs at least one anchor");
        }
        if (classes < 0) {
            throw new IllegalArgumentException("yolo: classes " + classes + " must not be negative");
        }
    }

    public int valuesPerAnchor() {
        return 5 + classes;
    }

    public int valuesPerCell() {
        return anchors.size() * valuesPerAnchor();
    }

    /** Values of one sample's grid. */
    public int size() {
        return rows * cols * valuesPerCell();
    }

    public double cellWidth() {
        return (double) inputWidth / cols;
    }

    public double cellHeight() {
        return (double) inputHeight / rows;
    }

    /** Where the values of (row, col, anchor) start within one sample's grid. */
    public int index(int row, int col, int anchor) {
        return ((row * cols + col) * anchors.size() + anchor) * valuesPerAnchor();
    }

    /** The box that the anchor's values starting at {@code at} of {@code grid} predict. */
    public Box box(float[] grid, int at, int row, int col, int anchor) {
        Anchor a = anchors.get(anchor);
        double cx = (col + sigmoid(grid[at + TX])) * cellWidth();
        double cy = (row + sigmoid(grid[at + TY])) * cellHeight();
        double w = a.width() * Math.exp(grid[at + TW]);
        double h = a.height() * Math.exp(grid[at + TH]);
        return Box.centre(cx, cy, w, h);
    }

    /**
     * Every anchor of one sample's grid whose score reaches {@code scoreThreshold}, with its
     * most likely class, in grid order. Run {@link Nms} on the result to drop duplicates.
     *
     * @param offset where the sample's grid starts in {@code grid}
     */
    public List<Detection> decode(float[] grid, int offset, double scoreThreshold) {
        if (grid.length < offset + size()) {
            throw new IllegalArgumentException("yolo: a grid of " + rows + "x" + cols + "x" + valuesPerCell()
                    + " needs " + size() + " values from offset " + offset + ", the array has " + grid.length);
        }
        List<Detection> out = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            for (int col = 0; col < cols; col++) {
                for (int a = 0; a < anchors.size(); a++) {
                    int at = offset + index(row, col, a);
                    double objectness = sigmoid(grid[at + OBJECTNESS]);
                    int best = 0;
                    double classProbability = 1;
                    if (classes > 0) {
                        best = argmax(grid, at + FIRST_CLASS, classes);
                        classProbability = softmaxAt(grid, at + FIRST_CLASS, classes, best);
                    }
                    double score = objectness * classProbability;
                    if (score >= scoreThreshold) {
                        out.add(new Detection(box(grid, at, row, col, a), best, score));
                    }
                }
            }
        }
        return out;
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    private static int argmax(float[] v, int from, int count) {
        int best = 0;
        for (int k = 1; k < count; k++) {
            if (v[from + k] > v[from + best]) {
                best = k;
            }
        }
        return best;
    }

    private static double softmaxAt(float[] v, int from, int count, int k) {
        double max = v[from + argmax(v, from, count)];
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += Math.exp(v[from + i] - max);
        }
        return Math.exp(v[from + k] - max) / sum;
    }
}
