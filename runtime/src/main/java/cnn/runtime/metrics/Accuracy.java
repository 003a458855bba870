package cnn.runtime.metrics;

/**
 * Top-1 accuracy: the share of samples whose highest output is their label. Counts add up over
 * batches; {@link #argmax} is the prediction rule used throughout (the first of equal maxima).
 */
public final class Accuracy {

    private final int classes;
    private long correct;
    private long total;

    public Accuracy(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("accuracy: classes " + classes + " must be at least 1");
        }
        this.classes = classes;
    }

    /** Counts a batch of {@code n} outputs of {@code classes} values each against their labels. */
    public void add(float[] outputs, int[] labels, int n) {
        if (outputs.length < (long) n * classes || labels.length < n) {
            throw new IllegalArgumentException("accuracy: " + n + " samples of " + classes + " outputs need "
                    + (long) n * classes + " outputs and " + n + " labels, got " + outputs.length + " and "
                    + labels.length);
        }
        for (int s = 0; s < n; s++) {
            if (argmax(outputs, s * classes, classes) == labels[s]) {
                correct++;
            }
        }
        total += n;
    }

    public long correct() {
        return correct;
    }

    public long total() {
        return total;
    }

    /** Correct over total; NaN before any sample. */
    public double value() {
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    public void reset() {
        correct = 0;
        total = 0;
    }

    /** The index of the largest of {@code count} values from {@code from}, less {@code from}. */
    public static int argmax(float[] values, int from, int count) {
        int best = 0;
        for (int k = 1; k < count; k++) {
            if (values[from + k] > values[from + best]) {
                best = k;
            }
        }
        return best;
    }
}
