package cnn.runtime.loss;

import java.util.Arrays;

/**
 * The loss of the {@code landmarks} head, whose output per sample is
 * {@code [present, l1x, l1y, … lKx, lKy]}; the target has the same layout. Coordinates count
 * only when the target's present flag is above 0.5. With {@link HeadLossStyle#SQUARED} every
 * counted term is a squared error; with {@link HeadLossStyle#LOGISTIC} (the default) the
 * present flag is a logit scored with binary cross-entropy. The sum per sample is averaged
 * over the samples.
 */
public final class LandmarksLoss implements Loss {

    private final int count;
    private final HeadLossStyle style;

    public LandmarksLoss(int count, HeadLossStyle style) {
        this.count = Batches.checkPositive("landmarks: count", count);
        this.style = style;
    }

    public LandmarksLoss(int count) {
        this(count, HeadLossStyle.LOGISTIC);
    }

    @Override
    public int size() {
        return 1 + 2 * count;
    }

    @Override
    public double loss(float[] output, float[] target, int n, float[] grad) {
        int size = size();
        Batches.check("landmarks", size, output, target, n, grad);
        double scale = 1.0 / n;
        double total = 0;
        for (int s = 0; s < n; s++) {
            int base = s * size;
            boolean present = target[base] > 0.5f;
            if (grad != null) {
                Arrays.fill(grad, base, base + size, 0f);
            }
            total += style == HeadLossStyle.SQUARED
                    ? HeadTerms.squared(output, target, base, 1, grad, scale)
                    : HeadTerms.presence(output, target, base, grad, scale);
            if (present) {
                total += HeadTerms.squared(output, target, base + 1, 2 * count, grad, scale);
            }
        }
        return total * scale;
    }
}
