package cnn.runtime.kernels;

import java.util.Arrays;

/**
 * The plain-Java kernels: per output pixel, one loop over the taps around a unit-stride loop over
 * output channels, which the JIT turns into vector fused multiply-adds where it can.
 */
final class ScalarKernels extends Kernels {

    static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    /** Pixels per block of the plain training loops: their window starts, then every tap over the block. */
    private static final int BLOCK = 32;

    /** Per thread, the window starts of one block of pixels. */
    private static final ThreadLocal<int[]> STARTS = ThreadLocal.withInitial(() -> new int[BLOCK]);

    /**
     * Blocks of pixels; per block, each tap's weight row is read once for all its pixels, the
     * innermost loop over output channels (which the JIT vectorises). Each output is still its
     * bias plus its taps in order.
     */
    @Override
    public void convForward(float[] x, int xOff, ConvShape s, float[] w, int wOff, float[] b, int bOff, float[] out,
                            int oOff, int qFrom, int qTo) {
        int cout = s.cout;
        int[] taps = s.taps;
        int[] base = STARTS.get();
        for (int qb = qFrom; qb < qTo; qb += BLOCK) {
            int n = Math.min(BLOCK, qTo - qb);
            for (int j = 0; j < n; j++) {
                base[j] = xOff + s.windowAt(qb + j);
                int o = oOff + (qb + j) * cout;
                if (b == null) {
                    Arrays.fill(out, o, o + cout, 0f);
                } else {
                    System.arraycopy(b, bOff, out, o, cout);
                }
            }
            for (int t = 0; t < taps.length; t++) {
                int r = wOff + s.tapRows[t] * cout;
                for (int j = 0; j < n; j++) {
                    float a = x[base[j] + taps[t]];
                    int o = oOff + (qb + j) * cout;
                    for (int co = 0; co < cout; co++) {
                        out[o + co] = Math.fma(a, w[r + co], out[o + co]);
                    }
                }
            }
        }
    }

    /**
     * Blocks of pixels; per block, each tap's gradient row stays in the cache while the block's
     * pixels add into it, output channels innermost. Each gradient is a chain over the pixels in
     * order, from its value in {@code gw}.
     */
    @Override
    public void convWeightGradient(float[] x, int xOff, ConvShape s, float[] dy, int dyOff, float[] gw, int gwOff,
                                   int gbOff, int qFrom, int qTo) {
        int cout = s.cout;
        int[] taps = s.taps;
        int[] base = STARTS.get();
        for (int qb = qFrom; qb < qTo; qb += BLOCK) {
            int n = Math.min(BLOCK, qTo - qb);
            for (int j = 0; j < n; j++) {
                base[j] = xOff + s.windowAt(qb + j);
            }
            for (int t = 0; t < taps.length; t++) {
                int r = gwOff + s.tapRows[t] * cout;
                for (int j = 0; j < n; j++) {
                    float a = x[base[j] + taps[t]];
                    int d = dyOff + (qb + j) * cout;
                    for (int co = 0; co < cout; co++) {
                        gw[r + co] = Math.fma(a, dy[d + co], gw[r + co]);
                    }
                }
            }
            if (gbOff >= 0) {
                for (int j = 0; j < n; j++) {
                    int d = dyOff + (qb + j) * cout;
                    for (int co = 0; co < cout; co++) {
                        gw[gbOff + co] += dy[d + co];
                    }
                }
            }
        }
    }

    @Override
    public void convInputGradient(float[] dy, int dyOff, ConvShape s, float[] wt, int wtOff, float[] dx, int dxOff,
                                  int qFrom, int qTo) {
        int pixels = s.pixels();
        for (int a = qFrom; a < qTo; ) {
            int end = Math.min(qTo, (a / pixels + 1) * pixels);
            int q = a;
            for (; s.cin < Kernels.EIGHT_PIXEL_TILES_BELOW && q + 8 <= end; q += 8) {
                for (int k = 0; k < s.pixelTaps.length; k++) {
                    for (int j = 0; j < 8; j++) {
                        scatter(dy, dyOff, s, wt, wtOff, dx, dxOff, q + j, k);
                    }
                }
            }
            for (; q + 4 <= end; q += 4) {
                for (int k = 0; k < s.pixelTaps.length; k++) {
                    for (int j = 0; j < 4; j++) {
                        scatter(dy, dyOff, s, wt, wtOff, dx, dxOff, q + j, k);
                    }
                }
            }
            for (; q < end; q++) {
                for (int k = 0; k < s.pixelTaps.length; k++) {
                    scatter(dy, dyOff, s, wt, wtOff, dx, dxOff, q, k);
                }
            }
            a = end;
        }
    }

    /**
     * Pixel {@code q}'s share of window position {@code k}: per output channel, its gradient times
     * that channel's weights added into the position's input channels (innermost, so the JIT
     * vectorises it); each input channel is still a chain over {@code co} from its value in {@code dx}.
     */
    private static void scatter(float[] dy, int dyOff, ConvShape s, float[] wt, int wtOff, float[] dx, int dxOff,
                                int q, int k) {
        int cin = s.cin;
        int cout = s.cout;
        int i = dxOff + s.windowAt(q) + s.pixelTaps[k];
        int d = dyOff + q * cout;
        int r = wtOff + s.pixelRows[k] * cout * cin;
        for (int co = 0; co < cout; co++) {
            float e = dy[d + co];
            int rr = r + co * cin;
            for (int ci = 0; ci < cin; ci++) {
                dx[i + ci] = Math.fma(e, wt[rr + ci], dx[i + ci]);
            }
        }
    }

    @Override
    public void reluBackward(float[] y, float[] dy, int from, int to) {
        reluBackwardLoop(y, dy, from, to);
    }

    @Override
    public void depthwise(float[] x, ConvShape s, float[] w, float[] b, float[] out, int pFrom, int pTo) {
        int c = s.cout;
        int[] taps = s.pixelTaps;
        for (int p = pFrom; p < pTo; p++) {
            int base = s.windowStart(p / s.ow, p % s.ow);
            int o = p * c;
            System.arraycopy(b, 0, out, o, c);
            for (int t = 0; t < taps.length; t++) {
                int i = base + taps[t];
                int r = s.pixelRows[t] * c;
                for (int k = 0; k < c; k++) {
                    out[o + k] = Math.fma(x[i + k], w[r + k], out[o + k]);
                }
            }
        }
        finish(s, out, pFrom, pTo);
    }

    @Override
    public void dense(float[] x, int in, float[] w, float[] b, float[] out, int units, int uFrom, int uTo,
                      int activation, float alpha) {
        System.arraycopy(b, uFrom, out, uFrom, uTo - uFrom);
        for (int i = 0; i < in; i++) {
            float a = x[i];
            int r = i * units;
            for (int u = uFrom; u < uTo; u++) {
                out[u] = Math.fma(a, w[r + u], out[u]);
            }
        }
        if (activation != Activations.SOFTMAX) {
            activate(activation, alpha, out, uFrom, uTo);
        }
    }
}
