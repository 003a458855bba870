package cnn.runtime.kernels;

/** Element-wise functions generated code calls; they gain nothing from specialising. */
public final class Activations {

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
