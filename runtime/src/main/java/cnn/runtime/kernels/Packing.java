package cnn.runtime.kernels;

/**
 * Reorders weights from the file layout (PyTorch's) into the order generated kernels read,
 * once at load time, and back for saving.
 */
public final class Packing {

    private Packing() {
    }

    /**
     * {@code [out][in][kh][kw]} to {@code [kh][kw][in][out]}: the inner loop of a convolution then
     * runs over output channels with unit stride, which the JIT vectorises. With
     * {@code kh = kw = 1} this is the transpose a dense layer ({@code [out][in]} to
     * {@code [in][out]}) needs; a depthwise kernel is the case {@code in = 1}.
     */
    public static float[] outputChannelsLast(float[] w, int out, int in, int kh, int kw) {
        checkSize(w, out, in, kh, kw);
        float[] p = new float[w.length];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        p[((y * kw + x) * in + i) * out + o] = w[((o * in + i) * kh + y) * kw + x];
                    }
                }
            }
        }
        return p;
    }

    /** The inverse of {@link #outputChannelsLast}. */
    public static float[] outputChannelsFirst(float[] p, int out, int in, int kh, int kw) {
        checkSize(p, out, in, kh, kw);
        float[] w = new float[p.length];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        w[((o * in + i) * kh + y) * kw + x] = p[((y * kw + x) * in + i) * out + o];
                    }
                }
            }
        }
        return w;
    }

    /**
     * {@code [kh·kw][cin][cout]} (from {@code wOff}) to {@code [kh·kw][cout][cin]} in {@code wt}: the
     * order {@link Kernels#convInputGradient} reads, made again whenever the weights change.
     */
    public static void transposeTaps(float[] w, int wOff, int positions, int cin, int cout, float[] wt) {
        int block = cin * cout;
        for (int k = 0; k < positions; k++) {
            int base = k * block;
            for (int ci = 0; ci < cin; ci++) {
                int from = wOff + base + ci * cout;
                for (int co = 0; co < cout; co++) {
                    wt[base + co * cin + ci] = w[from + co];
                }
            }
        }
    }

    private static void checkSize(float[] w, int out, int in, int kh, int kw) {
        long n = (long) out * in * kh * kw;
        if (w.length != n) {
            throw new IllegalArgumentException("expected " + n + " weights for [" + out + ", " + in + ", " + kh + ", "
                    + kw + "], got " + w.length);
        }
    }
}
