package cnn.runtime.loss;

/** Logistic and log-sum-exp in forms that never overflow, in double precision. */
final class StableMath {

    private StableMath() {
    }

    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** log(1 + e^x). */
    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /**
     * Binary cross-entropy of the logit {@code x} against target {@code t} in [0, 1]:
     * {@code −t·log σ(x) − (1 − t)·log(1 − σ(x)) = softplus(x) − t·x}. Its derivative in x is
     * {@code σ(x) − t}.
     */
    static double bceWithLogits(double x, double t) {
        return softplus(x) - t * x;
    }

    /** log Σ e^{v[from … from+count)}, shifted by the maximum so no term overflows. */
    static double logSumExp(float[] v, int from, int count) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < from + count; i++) {
            max = Math.max(max, v[i]);
        }
        if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
            return max;
        }
        double sum = 0;
        for (int i = from; i < from + count; i++) {
            sum += Math.exp(v[i] - max);
        }
        return max + Math.log(sum);
    }

    /**
     * Cross-entropy {@code −Σ t·log softmax(z)} of logits {@code z} against a distribution
     * {@code t} (one-hot, or soft), and when {@code grad} is not null its gradient times
     * {@code scale}: {@code (softmax(z)·Σt − t)·scale}.
     */
    static double softmaxCrossEntropy(float[] z, int zFrom, float[] t, int tFrom, int count, float[] grad,
                                      int gradFrom, double scale) {
        double lse = logSumExp(z, zFrom, count);
        double loss = 0;
        double mass = 0;
        for (int k = 0; k < count; k++) {
            double tk = t[tFrom + k];
            if (tk != 0) {
                loss -= tk * (z[zFrom + k] - lse);
            }
            mass += tk;
        }
        if (grad != null) {
            for (int k = 0; k < count; k++) {
                double p = Math.exp(z[zFrom + k] - lse);
                grad[gradFrom + k] = (float) ((p * mass - t[tFrom + k]) * scale);
            }
        }
        return loss;
    }
}
