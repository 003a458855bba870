package cnn.runtime.metrics;

/**
 * The mean of a stream of values, each with a weight: a running loss over batches is
 * {@code add(batchLoss, batchSize)}, so a short last batch counts for what it holds.
 */
public final class RunningMean {

    private double sum;
    private double weight;
    private long count;

    public void add(double value) {
        add(value, 1);
    }

    public void add(double value, double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("running mean: weight " + weight + " must be a finite number >= 0");
        }
        sum += value * weight;
        this.weight += weight;
        count++;
    }

    /** The weighted mean so far; NaN before anything with weight was added. */
    public double mean() {
        return weight == 0 ? Double.NaN : sum / weight;
    }

    /** How many values were added. */
    public long count() {
        return count;
    }

    public double weight() {
        return weight;
    }

    public void reset() {
        sum = 0;
        weight = 0;
        count = 0;
    }
}
