package cnn.runtime.train;

import cnn.runtime.data.Batch;
import cnn.runtime.detect.HeadOutputs;

/**
 * The mean distance, in pixels, between the points a {@code landmarks} model predicts and the
 * true ones, over the images that hold an object (targets {@code [present, l1x, l1y, …]} with
 * points as fractions of the image, as {@code shapes} gives them). Smaller is better.
 */
public final class LandmarksMetric implements Evaluation.Metric {

    /** The metric's name in logs and reports. */
    public static final String NAME = "point error (px)";

    private final int count;
    private final int height;
    private final int width;
    private double sum;
    private long points;

    /** @param height the image height the fractions are of, and {@code width} likewise */
    public LandmarksMetric(int count, int height, int width) {
        this.count = count;
        this.height = height;
        this.width = width;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void reset() {
        sum = 0;
        points = 0;
    }

    @Override
    public void add(float[] outputs, int outputSize, Batch batch) {
        float[] targets = batch.targets();
        for (int s = 0; s < batch.size(); s++) {
            int at = s * outputSize;
            if (!(targets[at] > 0.5f)) {
                continue;
            }
            double[] p = HeadOutputs.landmarks(outputs, at, count, true).points();
            for (int k = 0; k < count; k++) {
                double dx = (p[2 * k] - targets[at + 1 + 2 * k]) * width;
                double dy = (p[2 * k + 1] - targets[at + 2 + 2 * k]) * height;
                sum += Math.hypot(dx, dy);
                points++;
            }
        }
    }

    @Override
    public double value() {
        return points == 0 ? Double.NaN : sum / points;
    }
}
