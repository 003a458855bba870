package cnn.runtime.kernels;

/**
 * Element-wise functions generated code calls; they gain nothing from specialising. The codes
 * name an activation for the kernels that apply it as they store their outputs.
 */
public final class Activations {

    public static final int LINEAR = 0;
    public static final int RELU = 1;
    public static final int RELU6 = 2;
    public static final int LEAKY = 3;
    public static final int SIGMOID = 4;
    public static final int TANH = 5;
    public static final int SWISH = 6;
    /** Softmax over the channels of each pixel (over the whole vector for a 1x1 map). */
    public static final int SOFTMAX = 7;

    private Activations() {
    }

    public static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    public static float tanh(float x) {
        return (float) Math.tanh(x);
    }

    public static float swish(float x) {
        return (float) (x / (1.0 + Math.exp(-x)));
    }

    /** The activation {@code code} of one value, for every code but {@link #SOFTMAX}. */
    public static float apply(int code, float alpha, float v) {
        switch (code) {
            case RELU:
                return Math.max(v, 0f);
            case RELU6:
                return Math.min(Math.max(v, 0f), 6f);
            case LEAKY:
                return v > 0f ? v : alpha * v;
            case SIGMOID:
                return sigmoid(v);
            case TANH:
                return tanh(v);
            case SWISH:
                return swish(v);
            default:
                return v;
        }
    }

    /** Applies {@code code} in place to {@code a[off .. off+n)}, which is one pixel's channels or a vector. */
    public static void applyRange(int code, float alpha, float[] a, int off, int n) {
        if (code == LINEAR) {
            return;
        }
        if (code == SOFTMAX) {
            softmax(a, off, n);
            return;
        }
        for (int i = off; i < off + n; i++) {
            a[i] = apply(code, alpha, a[i]);
        }
    }

    /** Softmax in place over {@code a[off .. off+n)}, stable: the maximum is subtracted first. */
    public static void softmax(float[] a, int off, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = off; i < off + n; i++) {
            max = Math.max(max, a[i]);
        }
        double sum = 0;
        for (int i = off; i < off + n; i++) {
            float e = (float) Math.exp(a[i] - max);
            a[i] = e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        for (int i = off; i < off + n; i++) {
            a[i] *= inv;
        }
    }
}
