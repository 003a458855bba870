package cnn.runtime.kernels;

/**
 * The inner loops of the weighted layers: convolution (1x1 convolutions are the same loop, a
 * matrix product over pixels), depthwise convolution and dense layers, over NHWC data and weights
 * packed by {@link Packing#outputChannelsLast}.
 *
 * <p>Two implementations compute the same values bit for bit: each output starts at its bias and
 * adds its taps in the same order with a fused multiply-add, then the activation is applied.
 * {@link #get()} picks, once at start-up, the one that uses the Vector API when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}, else the plain-Java one (which needs nothing but
 * the JDK). {@code -Dcnn.kernels=scalar} forces the plain one.
 *
 * <p>Kernels allocate nothing and keep no state: any number of threads may run them at once on
 * disjoint outputs.
 */
public abstract class Kernels {

    private static final Kernels CHOSEN = choose();

    /** The implementation this JVM runs. */
    public static Kernels get() {
        return CHOSEN;
    }

    /** The plain-Java implementation, whatever the JVM offers. */
    public static Kernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    private static Kernels choose() {
        if ("scalar".equals(System.getProperty("cnn.kernels"))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return ScalarKernels.INSTANCE;
        }
        try {
            return VectorSupport.kernels();
        } catch (LinkageError | RuntimeException e) {
            // the module is there but the Vector API does not work as this code expects: stay plain
            return ScalarKernels.INSTANCE;
        }
    }

    /** A short name for reports: {@code "vector (512-bit)"} or {@code "scalar"}. */
    public abstract String name();

    /**
     * Convolution with one group: output pixels {@code [pFrom, pTo)} (a pixel is {@code oy·ow + ox})
     * of one sample, reading {@code x} (the input, or its padded copy when {@link ConvShape#padded()}).
     *
     * @param w packed {@code [kh][kw][cin][cout]}
     * @param b bias, {@code cout} values (zeros for a layer without one)
     */
    public abstract void conv(float[] x, ConvShape s, float[] w, float[] b, float[] out, int pFrom, int pTo);

    /** Depthwise convolution with multiplier 1 ({@code cin == cout}): pixels {@code [pFrom, pTo)}; {@code w} packed {@code [kh][kw][c]}. */
    public abstract void depthwise(float[] x, ConvShape s, float[] w, float[] b, float[] out, int pFrom, int pTo);

    /**
     * Dense layer: units {@code [uFrom, uTo)} of {@code out[u] = act(b[u] + Σ x[i]·w[i·units + u])}.
     * Softmax is not applied here (it needs every unit): the caller applies it afterwards.
     */
    public abstract void dense(float[] x, int in, float[] w, float[] b, float[] out, int units, int uFrom, int uTo,
                               int activation, float alpha);

    /**
     * Applies an element-wise activation (not softmax) in place to {@code a[from .. to)}. Plain
     * loops in both implementations: the JIT vectorises them, and a Vector API loop this short
     * was seen to fall back to boxed vectors in a JVM whose profiles many models had shaped.
     */
    public final void activate(int activation, float alpha, float[] a, int from, int to) {
        switch (activation) {
            case Activations.LINEAR:
            case Activations.SOFTMAX:
                return;
            case Activations.RELU:
                for (int i = from; i < to; i++) {
                    a[i] = Math.max(a[i], 0f);
                }
                return;
            case Activations.RELU6:
                for (int i = from; i < to; i++) {
                    a[i] = Math.min(Math.max(a[i], 0f), 6f);
                }
                return;
            default:
                for (int i = from; i < to; i++) {
                    a[i] = Activations.apply(activation, alpha, a[i]);
                }
        }
    }

    /** After a conv kernel wrote pixels {@code [pFrom, pTo)} unactivated: their activation. */
    final void finish(ConvShape s, float[] out, int pFrom, int pTo) {
        if (s.activation == Activations.LINEAR) {
            return;
        }
        if (s.activation == Activations.SOFTMAX) {
            for (int p = pFrom; p < pTo; p++) {
                Activations.softmax(out, p * s.cout, s.cout);
            }
            return;
        }
        activate(s.activation, s.alpha, out, pFrom * s.cout, pTo * s.cout);
    }
}
