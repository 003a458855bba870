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
        transposeTaps(w, wOff, cin, cout, wt, 0, positions);
    }

    /**
     * Positions {@code [kFrom, kTo)} of {@link #transposeTaps(float[], int, int, int, int, float[])}, in
     * tiles of 16 × 16 so both the rows read and the rows written stay in the cache (a plain
     * transpose of a 512 × 512 matrix misses on every write).
     */
    public static void transposeTaps(float[] w, int wOff, int cin, int cout, float[] wt, int kFrom, int kTo) {
        int block = cin * cout;
        for (int k = kFrom; k < kTo; k++) {
            int base = k * block;
            for (int c0 = 0; c0 < cin; c0 += 16) {
                int c1 = Math.min(cin, c0 + 16);
                for (int o0 = 0; o0 < cout; o0 += 16) {
                    int o1 = Math.min(cout, o0 + 16);
                    for (int co = o0; co < o1; co++) {
                        int to = base + co * cin;
                        int from = wOff + base + co;
                        for (int ci = c0; ci < c1; ci++) {
                            wt[to + ci] = w[from + ci * cout];
                        }
                    }
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
