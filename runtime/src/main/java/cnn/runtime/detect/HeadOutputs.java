package cnn.runtime.detect;

/**
 * Reads the outputs of the {@code localize} and {@code landmarks} heads, which pass their input
 * through unchanged. With {@code logistic} (the losses' default style) the presence value and
 * class values are logits, read through a sigmoid and a softmax; without it (the squared-error
 * style of the lecture notes) they are taken as they are.
 */
public final class HeadOutputs {

    /**
     * A {@code localize} output: the probability an object is there, its box values as the
     * model was trained to give them, and its most likely class.
     */
    public record Localization(double presence, double bx, double by, double bh, double bw, int classId,
                               double classProbability) {
    }

    /** A {@code landmarks} output: presence and K points as {@code [x1, y1, x2, y2, …]}. */
    public record Landmarks(double presence, double[] points) {
    }

    private HeadOutputs() {
    }

    /** Decodes {@code [Pc, bx, by, bh, bw, c1 … cC]} starting at {@code offset}. */
    public static Localization localization(float[] out, int offset, int classes, boolean logistic) {
        check(out, offset, 5 + classes, "localize");
        double presence = logistic ? YoloGrid.sigmoid(out[offset]) : out[offset];
        int best = 0;
        double probability = 1;
        for (int k = 1; k < classes; k++) {
            if (out[offset + 5 + k] > out[offset + 5 + best]) {
                best = k;
            }
        }
        if (classes > 0 && logistic) {
            double max = out[offset + 5 + best];
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += Math.exp(out[offset + 5 + k] - max);
            }
            probability = 1 / sum;
        } else if (classes > 0) {
            probability = out[offset + 5 + best];
        }
        return new Localization(presence, out[offset + 1], out[offset + 2], out[offset + 3], out[offset + 4], best,
                probability);
    }

    /** Decodes {@code [present, l1x, l1y, …]} of {@code count} points starting at {@code offset}. */
    public static Landmarks landmarks(float[] out, int offset, int count, boolean logistic) {
        check(out, offset, 1 + 2 * count, "landmarks");
        double[] points = new double[2 * count];
        for (int i = 0; i < points.length; i++) {
            points[i] = out[offset + 1 + i];
        }
        return new Landmarks(logistic ? YoloGrid.sigmoid(out[offset]) : out[offset], points);
    }

    private static void check(float[] out, int offset, int size, String head) {
        if (offset < 0 || out.length < (long) offset + size) {
            throw new IllegalArgumentException(head + ": an output of " + size + " values from offset " + offset
                    + " does not fit in " + out.length);
        }
    }
}
