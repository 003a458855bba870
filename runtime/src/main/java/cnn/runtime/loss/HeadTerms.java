package cnn.runtime.loss;

/** Terms the detection heads share; each returns its sum and writes its gradient times scale. */
final class HeadTerms {

    private HeadTerms() {
    }

    /** {@code Σ (y − t)²} over {@code count} values from {@code from}. */
    static double squared(float[] y, float[] t, int from, int count, float[] grad, double scale) {
        double sum = 0;
        for (int i = from; i < from + count; i++) {
            double d = (double) y[i] - t[i];
            sum += d * d;
            if (grad != null) {
                grad[i] = (float) (2 * d * scale);
            }
        }
        return sum;
    }

    /** Binary cross-entropy of the presence logit at {@code at} against its target. */
    static double presence(float[] y, float[] t, int at, float[] grad, double scale) {
        double x = y[at];
        double target = t[at];
        if (grad != null) {
            grad[at] = (float) ((StableMath.sigmoid(x) - target) * scale);
        }
        return StableMath.bceWithLogits(x, target);
    }
}
