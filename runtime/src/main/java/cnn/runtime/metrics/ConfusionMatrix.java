package cnn.runtime.metrics;

import java.util.List;

/** Counts of (true class, predicted class) pairs, with the rates read off them. */
public final class ConfusionMatrix {

    private final int classes;
    private final long[] counts;

    public ConfusionMatrix(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("confusion matrix: classes " + classes + " must be at least 1");
        }
        this.classes = classes;
        this.counts = new long[classes * classes];
    }

    public int classes() {
        return classes;
    }

    public void add(int actual, int predicted) {
        check(actual, "true class");
        check(predicted, "predicted class");
        counts[actual * classes + predicted]++;
    }

    /** Adds a batch of {@code n} outputs, predicting each sample's highest output. */
    public void add(float[] outputs, int[] labels, int n) {
        if (outputs.length < (long) n * classes || labels.length < n) {
            throw new IllegalArgumentException("confusion matrix: " + n + " samples of " + classes
                    + " outputs need " + (long) n * classes + " outputs and " + n + " labels, got "
                    + outputs.length + " and " + labels.length);
        }
        for (int s = 0; s < n; s++) {
            add(labels[s], Accuracy.argmax(outputs, s * classes, classes));
        }
    }

    public long count(int actual, int predicted) {
        check(actual, "true class");
        check(predicted, "predicted class");
        return counts[actual * classes + predicted];
    }

    public long total() {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }

    /** The diagonal over the total; NaN when empty. */
    public double accuracy() {
        long diagonal = 0;
        for (int c = 0; c < classes; c++) {
            diagonal += counts[c * classes + c];
        }
        long total = total();
        return total == 0 ? Double.NaN : (double) diagonal / total;
    }

    /** Of the samples of class {@code c}, the share predicted as c; NaN when there are none. */
    public double recall(int c) {
        check(c, "class");
        long row = 0;
        for (int p = 0; p < classes; p++) {
            row += counts[c * classes + p];
        }
        return row == 0 ? Double.NaN : (double) counts[c * classes + c] / row;
    }

    /** Of the samples predicted as {@code c}, the share that are c; NaN when there are none. */
    public double precision(int c) {
        check(c, "class");
        long column = 0;
        for (int a = 0; a < classes; a++) {
            column += counts[a * classes + c];
        }
        return column == 0 ? Double.NaN : (double) counts[c * classes + c] / column;
    }

    /**
     * A table with a row per true class and a column per prediction, right-aligned.
     *
     * @param names one per class, or null for the class numbers
     */
    public String render(List<String> names) {
        if (names != null && names.size() != classes) {
            throw new IllegalArgumentException("confusion matrix: " + names.size() + " names for " + classes
                    + " classes");
        }
        String[] labels = new String[classes];
        int width = "true\\predicted".length();
        for (int c = 0; c < classes; c++) {
            labels[c] = names == null ? Integer.toString(c) : names.get(c);
            width = Math.max(width, labels[c].length());
        }
        for (long v : counts) {
            width = Math.max(width, Long.toString(v).length());
        }
        StringBuilder out = new StringBuilder();
        out.append(pad("true\\predicted", width));
        for (String label : labels) {
            out.append(' ').append(pad(label, width));
        }
        out.append('\n');
        for (int a = 0; a < classes; a++) {
            out.append(pad(labels[a], width));
            for (int p = 0; p < classes; p++) {
                out.append(' ').append(pad(Long.toString(counts[a * classes + p]), width));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String pad(String s, int width) {
        return " ".repeat(width - s.length()) + s;
    }

    private void check(int c, String what) {
        if (c < 0 || c >= classes) {
            throw new IllegalArgumentException("confusion matrix: " + what + " " + c + " is outside 0.."
                    + (classes - 1));
        }
    }
}
