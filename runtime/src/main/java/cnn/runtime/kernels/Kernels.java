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

    /**
     * Below this many input channels the input-gradient kernel takes 8 pixels per tile (more
     * independent chains where each is short); the value fixes the order of the sums, so both
     * implementations use it.
     */
    static final int EIGHT_PIXEL_TILES_BELOW = 64;

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
    public final void conv(float[] x, ConvShape s, float[] w, float[] b, float[] out, int pFrom, int pTo) {
        convForward(x, 0, s, w, 0, b, 0, out, 0, pFrom, pTo);
        finish(s, out, pFrom, pTo);
    }

    /**
     * Convolution with one group, without the activation, over pixels {@code [qFrom, qTo)} of a
     * batch: {@code q = sample·oh·ow + oy·ow + ox}, sample {@code n}'s input starting at
     * {@code xOff + n·}{@link ConvShape#sampleStride()} (padded copies when {@link ConvShape#padded()})
     * and pixel {@code q}'s outputs at {@code oOff + q·cout}. A range over several samples lets a
     * 4-pixel tile share its weights across samples, which layers on small maps (and dense layers,
     * 1x1 on a 1x1 map) need. Each output is {@code b[bOff + co]} (0 when {@code b} is null) plus its
     * taps in order with a fused multiply-add, whatever the range: a trainer may split a batch
     * anywhere and get the same values.
     *
     * @param w packed {@code [kh][kw][cin][cout]} from {@code wOff}
     */
    public abstract void convForward(float[] x, int xOff, ConvShape s, float[] w, int wOff, float[] b, int bOff,
                                     float[] out, int oOff, int qFrom, int qTo);

    /**
     * The weight gradient of {@link #convForward}: {@code gw[gwOff + t·cout + co] += Σ_q x[window(q) + taps[t]] ·
     * dy[dyOff + q·cout + co]} over pixels {@code [qFrom, qTo)} (in that order, one fused multiply-add
     * per pixel, starting from the value in {@code gw}), a matrix product over pixels held in registers
     * 4 taps × 64 channels at a time. With {@code gbOff ≥ 0} also the bias gradient
     * {@code gw[gbOff + co] += Σ_q dy[…]}, added in the same order.
     */
    public abstract void convWeightGradient(float[] x, int xOff, ConvShape s, float[] dy, int dyOff, float[] gw,
                                            int gwOff, int gbOff, int qFrom, int qTo);

    /**
     * The input gradient of {@link #convForward}, scattered: for each pixel {@code q} of
     * {@code [qFrom, qTo)} and each window position, {@code dx[window(q) + pos + ci] += Σ_co
     * dy[dyOff + q·cout + co] · wt[…co·cin + ci]}, into a buffer laid out as the input the kernel
     * reads (padded when {@link ConvShape#padded()}), which the caller clears and crops.
     * {@code wt} is {@code [kh][kw][cout][cin]} ({@link Packing#transposeTaps}): per window position
     * this is the forward loop with the roles of the channels swapped. Pixels go in tiles of 4 (the
     * rest one by one), counted from the start of each sample's part of the range, and with fewer
     * than {@value #EIGHT_PIXEL_TILES_BELOW} input channels first in tiles of 8; per tile, window
     * positions in order, per position the tile's pixels in order, each a chain over {@code co}: both
     * implementations add in exactly that order.
     */
    public abstract void convInputGradient(float[] dy, int dyOff, ConvShape s, float[] wt, int wtOff, float[] dx,
                                           int dxOff, int qFrom, int qTo);

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

    /**
     * The ReLU's derivative applied to a gradient: {@code dy[i] = y[i] > 0 ? dy[i] : 0} for
     * {@code i} in {@code [from, to)}, where {@code y} holds the ReLU's outputs. A select in both
     * implementations (the Vector API one compares and blends whole vectors): which units are off
     * follows no pattern a branch predictor could learn.
     */
    public abstract void reluBackward(float[] y, float[] dy, int from, int to);

    /** The plain loop of {@link #reluBackward}, also the vector one's tail. */
    static void reluBackwardLoop(float[] y, float[] dy, int from, int to) {
        for (int i = from; i < to; i++) {
            dy[i] = y[i] > 0f ? dy[i] : 0f;
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
