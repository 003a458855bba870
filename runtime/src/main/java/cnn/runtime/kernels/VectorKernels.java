package cnn.runtime.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels on the Vector API (loaded only when the JVM has {@code jdk.incubator.vector}).
 *
 * <p>A convolution tile keeps 4 output pixels × 64 output channels in 16 vector registers while
 * one loop runs over every tap of the window: per tap, 4 weight vectors are loaded once and used
 * for 4 pixels, so the loop is bound by the multiply-adds rather than by memory. The accumulators
 * live in a single loop (the taps' offsets come from a table, not from nested ky/kx/ci loops)
 * because on JDK 17 a vector carried around nested loops is boxed on the heap. Narrower tiles
 * (one vector of channels) and single pixels take what is left; the last channels that fill no
 * whole vector are computed by scalar loops in the same order, since masked vector loads are
 * not intrinsics on JDK 17.
 */
final class VectorKernels extends Kernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public String name() {
        return "vector (" + S.vectorBitSize() + "-bit)";
    }

    /** Pixels that share each chunk of weights while it is in the L2 cache. */
    private static final int BLOCK_PIXELS = 64;
    /** Taps per chunk: 512 taps of 64 channels are 128 KiB of weights. */
    private static final int CHUNK_TAPS = 512;

    /**
     * Outputs start at the bias; then, per block of pixels, per 64 channels, per chunk of taps,
     * every 4-pixel tile adds that chunk into its outputs. Without the chunks a layer with many
     * taps (3x3x512) would stream all its weights from memory for every tile; the sums are the
     * same, in the same order, since a tile stores exactly the floats it would have kept.
     */
    @Override
    public void convForward(float[] x, int xOff, ConvShape s, float[] w, int wOff, float[] b, int bOff, float[] out,
                            int oOff, int pFrom, int pTo) {
        int cout = s.cout;
        if (cout < NARROW) {
            narrowForward(x, xOff, s, w, wOff, b, bOff, out, oOff, pFrom, pTo);
            return;
        }
        for (int p = pFrom; p < pTo; p++) {
            int o = oOff + p * cout;
            if (b == null) {
                java.util.Arrays.fill(out, o, o + cout, 0f);
            } else {
                System.arraycopy(b, bOff, out, o, cout);
            }
        }
        int nt = s.taps.length;
        for (int pb = pFrom; pb < pTo; pb += BLOCK_PIXELS) {
            int pe = Math.min(pTo, pb + BLOCK_PIXELS);
            int co = 0;
            for (; co + 4 * L <= cout; co += 4 * L) {
                for (int t0 = 0, t1; t0 < nt; t0 = t1) {
                    t1 = Math.min(s.runEnd[t0], t0 + CHUNK_TAPS);
                    int p = pb;
                    for (; p + 4 <= pe; p += 4) {
                        tile4x4(x, xOff + start(s, p), xOff + start(s, p + 1), xOff + start(s, p + 2),
                                xOff + start(s, p + 3), s.taps, t0, t1, w, wOff + co + s.tapRows[t0] * cout, co, cout, out, oOff + p * cout);
                    }
                    for (; p < pe; p++) {
                        tile1x4(x, xOff + start(s, p), s.taps, t0, t1, w, wOff + co + s.tapRows[t0] * cout, co, cout, out, oOff + p * cout);
                    }
                }
            }
            for (; co + L <= cout; co += L) {
                for (int t0 = 0, t1; t0 < nt; t0 = t1) {
                    t1 = Math.min(s.runEnd[t0], t0 + CHUNK_TAPS);
                    int p = pb;
                    for (; p + 8 <= pe; p += 8) {
                        tile8x1(x, xOff + start(s, p), xOff + start(s, p + 1), xOff + start(s, p + 2),
                                xOff + start(s, p + 3), xOff + start(s, p + 4), xOff + start(s, p + 5),
                                xOff + start(s, p + 6), xOff + start(s, p + 7), s.taps, t0, t1, w, wOff + co + s.tapRows[t0] * cout, co, cout, out, oOff + p * cout);
                    }
                    for (; p + 4 <= pe; p += 4) {
                        tile4x1(x, xOff + start(s, p), xOff + start(s, p + 1), xOff + start(s, p + 2),
                                xOff + start(s, p + 3), s.taps, t0, t1, w, wOff + co + s.tapRows[t0] * cout, co, cout, out, oOff + p * cout);
                    }
                    for (; p < pe; p++) {
                        tile1x1(x, xOff + start(s, p), s.taps, t0, t1, w, wOff + co + s.tapRows[t0] * cout, co, cout, out, oOff + p * cout);
                    }
                }
            }
            if (co < cout && cout >= L) {
                // the last L channels, all taps from the bias: the lanes below co get the very values
                // the blocks above left there, so writing them again changes nothing
                int c0 = cout - L;
                int p = pb;
                for (; p + 4 <= pe; p += 4) {
                    tile4x1FromBias(x, xOff + start(s, p), xOff + start(s, p + 1), xOff + start(s, p + 2),
                            xOff + start(s, p + 3), s.taps, s.tapRows, w, wOff + c0, b, bOff + c0, c0, cout, out, oOff + p * cout);
                }
                for (; p < pe; p++) {
                    tile1x1FromBias(x, xOff + start(s, p), s.taps, s.tapRows, w, wOff + c0, b, bOff + c0, c0, cout, out, oOff + p * cout);
                }
            } else if (co < cout) {
                for (int p = pb; p < pe; p++) {
                    convTail(x, xOff + start(s, p), s.taps, s.tapRows, w, wOff + co, co, cout, out, oOff + p * cout);
                }
            }
        }
    }

    /**
     * Fewer than {@value #NARROW} output channels: weights, bias and
     * outputs on scratch copies with rows of {@value #NARROW}, the extra lanes zero, so 4 pixels take
     * one vector each; every output is the same chain from its bias over the taps in order.
     */
    private static void narrowForward(float[] x, int xOff, ConvShape s, float[] w, int wOff, float[] b, int bOff,
                                      float[] out, int oOff, int pFrom, int pTo) {
        int cout = s.cout;
        int nt = s.taps.length;
        int all = s.kh * s.kw * s.cin;
        float[] ws = scratch(0, (all + 1) * NARROW);
        java.util.Arrays.fill(ws, 0, (all + 1) * NARROW, 0f);
        for (int t = 0; t < all; t++) {
            System.arraycopy(w, wOff + t * cout, ws, t * NARROW, cout);
        }
        int bias = all * NARROW;
        if (b != null) {
            System.arraycopy(b, bOff, ws, bias, cout);
        }
        float[] os = scratch(1, BLOCK_PIXELS * NARROW);
        for (int pb = pFrom; pb < pTo; pb += BLOCK_PIXELS) {
            int pe = Math.min(pTo, pb + BLOCK_PIXELS);
            for (int p = pb; p < pe; p++) {
                System.arraycopy(ws, bias, os, (p - pb) * NARROW, NARROW);
            }
            for (int co = 0; co < NARROW; co += L) {
                // each run of taps whose weight rows follow one another
                for (int t0 = 0, t1; t0 < nt; t0 = t1) {
                    t1 = s.runEnd[t0];
                    int wb = co + s.tapRows[t0] * NARROW;
                    int p = pb;
                    for (; p + 8 <= pe; p += 8) {
                        tile8x1(x, xOff + start(s, p), xOff + start(s, p + 1), xOff + start(s, p + 2),
                                xOff + start(s, p + 3), xOff + start(s, p + 4), xOff + start(s, p + 5),
                                xOff + start(s, p + 6), xOff + start(s, p + 7), s.taps, t0, t1, ws, wb, co, NARROW, os,
                                (p - pb) * NARROW);
                    }
                    for (; p + 4 <= pe; p += 4) {
                        tile4x1(x, xOff + start(s, p), xOff + start(s, p + 1), xOff + start(s, p + 2),
                                xOff + start(s, p + 3), s.taps, t0, t1, ws, wb, co, NARROW, os, (p - pb) * NARROW);
                    }
                    for (; p < pe; p++) {
                        tile1x1(x, xOff + start(s, p), s.taps, t0, t1, ws, wb, co, NARROW, os, (p - pb) * NARROW);
                    }
                }
            }
            for (int p = pb; p < pe; p++) {
                System.arraycopy(os, (p - pb) * NARROW, out, oOff + p * cout, cout);
            }
        }
    }

    private static int start(ConvShape s, int q) {
        return s.windowAt(q);
    }

    /** Taps {@code [t0, t1)} of 4 pixels × 4 vectors of channels, added into {@code out}. */
    private static void tile4x4(float[] x, int x0, int x1, int x2, int x3, int[] taps, int t0, int t1, float[] w,
                                int wb, int co, int cout, float[] out, int o) {
        int i0 = o + co;
        int i1 = i0 + cout;
        int i2 = i1 + cout;
        int i3 = i2 + cout;
        FloatVector a00 = FloatVector.fromArray(S, out, i0);
        FloatVector a01 = FloatVector.fromArray(S, out, i0 + L);
        FloatVector a02 = FloatVector.fromArray(S, out, i0 + 2 * L);
        FloatVector a03 = FloatVector.fromArray(S, out, i0 + 3 * L);
        FloatVector a10 = FloatVector.fromArray(S, out, i1);
        FloatVector a11 = FloatVector.fromArray(S, out, i1 + L);
        FloatVector a12 = FloatVector.fromArray(S, out, i1 + 2 * L);
        FloatVector a13 = FloatVector.fromArray(S, out, i1 + 3 * L);
        FloatVector a20 = FloatVector.fromArray(S, out, i2);
        FloatVector a21 = FloatVector.fromArray(S, out, i2 + L);
        FloatVector a22 = FloatVector.fromArray(S, out, i2 + 2 * L);
        FloatVector a23 = FloatVector.fromArray(S, out, i2 + 3 * L);
        FloatVector a30 = FloatVector.fromArray(S, out, i3);
        FloatVector a31 = FloatVector.fromArray(S, out, i3 + L);
        FloatVector a32 = FloatVector.fromArray(S, out, i3 + 2 * L);
        FloatVector a33 = FloatVector.fromArray(S, out, i3 + 3 * L);
        int wi = wb;
        for (int t = t0; t < t1; t++, wi += cout) {
            int k = taps[t];
            FloatVector w0 = FloatVector.fromArray(S, w, wi);
            FloatVector w1 = FloatVector.fromArray(S, w, wi + L);
            FloatVector w2 = FloatVector.fromArray(S, w, wi + 2 * L);
            FloatVector w3 = FloatVector.fromArray(S, w, wi + 3 * L);
            FloatVector v = FloatVector.broadcast(S, x[x0 + k]);
            a00 = v.fma(w0, a00);
            a01 = v.fma(w1, a01);
            a02 = v.fma(w2, a02);
            a03 = v.fma(w3, a03);
            v = FloatVector.broadcast(S, x[x1 + k]);
            a10 = v.fma(w0, a10);
            a11 = v.fma(w1, a11);
            a12 = v.fma(w2, a12);
            a13 = v.fma(w3, a13);
            v = FloatVector.broadcast(S, x[x2 + k]);
            a20 = v.fma(w0, a20);
            a21 = v.fma(w1, a21);
            a22 = v.fma(w2, a22);
            a23 = v.fma(w3, a23);
            v = FloatVector.broadcast(S, x[x3 + k]);
            a30 = v.fma(w0, a30);
            a31 = v.fma(w1, a31);
            a32 = v.fma(w2, a32);
            a33 = v.fma(w3, a33);
        }
        a00.intoArray(out, i0);
        a01.intoArray(out, i0 + L);
        a02.intoArray(out, i0 + 2 * L);
        a03.intoArray(out, i0 + 3 * L);
        a10.intoArray(out, i1);
        a11.intoArray(out, i1 + L);
        a12.intoArray(out, i1 + 2 * L);
        a13.intoArray(out, i1 + 3 * L);
        a20.intoArray(out, i2);
        a21.intoArray(out, i2 + L);
        a22.intoArray(out, i2 + 2 * L);
        a23.intoArray(out, i2 + 3 * L);
        a30.intoArray(out, i3);
        a31.intoArray(out, i3 + L);
        a32.intoArray(out, i3 + 2 * L);
        a33.intoArray(out, i3 + 3 * L);
    }

    /** One vector of channels for 4 pixels. */
    private static void tile4x1(float[] x, int x0, int x1, int x2, int x3, int[] taps, int t0, int t1, float[] w,
                                int wb, int co, int cout, float[] out, int o) {
        int i = o + co;
        FloatVector a0 = FloatVector.fromArray(S, out, i);
        FloatVector a1 = FloatVector.fromArray(S, out, i + cout);
        FloatVector a2 = FloatVector.fromArray(S, out, i + 2 * cout);
        FloatVector a3 = FloatVector.fromArray(S, out, i + 3 * cout);
        int wi = wb;
        for (int t = t0; t < t1; t++, wi += cout) {
            int k = taps[t];
            FloatVector w0 = FloatVector.fromArray(S, w, wi);
            a0 = FloatVector.broadcast(S, x[x0 + k]).fma(w0, a0);
            a1 = FloatVector.broadcast(S, x[x1 + k]).fma(w0, a1);
            a2 = FloatVector.broadcast(S, x[x2 + k]).fma(w0, a2);
            a3 = FloatVector.broadcast(S, x[x3 + k]).fma(w0, a3);
        }
        a0.intoArray(out, i);
        a1.intoArray(out, i + cout);
        a2.intoArray(out, i + 2 * cout);
        a3.intoArray(out, i + 3 * cout);
    }

    private static void tile1x4(float[] x, int x0, int[] taps, int t0, int t1, float[] w, int wb, int co, int cout,
                                float[] out, int o) {
        int i = o + co;
        FloatVector a0 = FloatVector.fromArray(S, out, i);
        FloatVector a1 = FloatVector.fromArray(S, out, i + L);
        FloatVector a2 = FloatVector.fromArray(S, out, i + 2 * L);
        FloatVector a3 = FloatVector.fromArray(S, out, i + 3 * L);
        int wi = wb;
        for (int t = t0; t < t1; t++, wi += cout) {
            FloatVector v = FloatVector.broadcast(S, x[x0 + taps[t]]);
            a0 = v.fma(FloatVector.fromArray(S, w, wi), a0);
            a1 = v.fma(FloatVector.fromArray(S, w, wi + L), a1);
            a2 = v.fma(FloatVector.fromArray(S, w, wi + 2 * L), a2);
            a3 = v.fma(FloatVector.fromArray(S, w, wi + 3 * L), a3);
        }
        a0.intoArray(out, i);
        a1.intoArray(out, i + L);
        a2.intoArray(out, i + 2 * L);
        a3.intoArray(out, i + 3 * L);
    }

    private static void tile1x1(float[] x, int x0, int[] taps, int t0, int t1, float[] w, int wb, int co, int cout,
                                float[] out, int o) {
        FloatVector a0 = FloatVector.fromArray(S, out, o + co);
        int wi = wb;
        for (int t = t0; t < t1; t++, wi += cout) {
            a0 = FloatVector.broadcast(S, x[x0 + taps[t]]).fma(FloatVector.fromArray(S, w, wi), a0);
        }
        a0.intoArray(out, o + co);
    }

    /** One vector of channels for 4 pixels over every tap, starting from the bias. */
    private static void tile4x1FromBias(float[] x, int x0, int x1, int x2, int x3, int[] taps, int[] rows, float[] w, int wb,
                                        float[] b, int bi, int co, int cout, float[] out, int o) {
        FloatVector a0 = b == null ? FloatVector.zero(S) : FloatVector.fromArray(S, b, bi);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        for (int t = 0; t < taps.length; t++) {
            int wi = wb + rows[t] * cout;
            int k = taps[t];
            FloatVector w0 = FloatVector.fromArray(S, w, wi);
            a0 = FloatVector.broadcast(S, x[x0 + k]).fma(w0, a0);
            a1 = FloatVector.broadcast(S, x[x1 + k]).fma(w0, a1);
            a2 = FloatVector.broadcast(S, x[x2 + k]).fma(w0, a2);
            a3 = FloatVector.broadcast(S, x[x3 + k]).fma(w0, a3);
        }
        int i = o + co;
        a0.intoArray(out, i);
        a1.intoArray(out, i + cout);
        a2.intoArray(out, i + 2 * cout);
        a3.intoArray(out, i + 3 * cout);
    }

    private static void tile1x1FromBias(float[] x, int x0, int[] taps, int[] rows, float[] w, int wb, float[] b, int bi, int co,
                                        int cout, float[] out, int o) {
        FloatVector a0 = b == null ? FloatVector.zero(S) : FloatVector.fromArray(S, b, bi);
        for (int t = 0; t < taps.length; t++) {
            int wi = wb + rows[t] * cout;
            a0 = FloatVector.broadcast(S, x[x0 + taps[t]]).fma(FloatVector.fromArray(S, w, wi), a0);
        }
        a0.intoArray(out, o + co);
    }

    /**
     * The last {@code cout − co < L} channels of one pixel, scalar in the vector lanes' order: on
     * JDK 17 masked loads are not compiled to vector instructions and would box.
     */
    private static void convTail(float[] x, int x0, int[] taps, int[] rows, float[] w, int wb, int co, int cout, float[] out,
                                 int o) {
        for (int c = co; c < cout; c += 8) {
            convTail8(x, x0, taps, rows, w, wb + c - co, c, Math.min(8, cout - c), cout, out, o);
        }
    }

    /** Up to 8 channels {@code [c, c + n)} of one pixel in scalar registers (LeNet's 6-channel first layer). */
    private static void convTail8(float[] x, int x0, int[] taps, int[] rows, float[] w, int wb, int c, int n, int cout,
                                  float[] out, int o) {
        int i = o + c;
        float s0 = out[i];
        float s1 = n > 1 ? out[i + 1] : 0f;
        float s2 = n > 2 ? out[i + 2] : 0f;
        float s3 = n > 3 ? out[i + 3] : 0f;
        float s4 = n > 4 ? out[i + 4] : 0f;
        float s5 = n > 5 ? out[i + 5] : 0f;
        float s6 = n > 6 ? out[i + 6] : 0f;
        float s7 = n > 7 ? out[i + 7] : 0f;
        for (int t = 0; t < taps.length; t++) {
            int r = wb + rows[t] * cout;
            float a = x[x0 + taps[t]];
            s0 = Math.fma(a, w[r], s0);
            if (n > 1) {
                s1 = Math.fma(a, w[r + 1], s1);
            }
            if (n > 2) {
                s2 = Math.fma(a, w[r + 2], s2);
            }
            if (n > 3) {
                s3 = Math.fma(a, w[r + 3], s3);
            }
            if (n > 4) {
                s4 = Math.fma(a, w[r + 4], s4);
            }
            if (n > 5) {
                s5 = Math.fma(a, w[r + 5], s5);
            }
            if (n > 6) {
                s6 = Math.fma(a, w[r + 6], s6);
            }
            if (n > 7) {
                s7 = Math.fma(a, w[r + 7], s7);
            }
        }
        storeFirst(n, out, i, s0, s1, s2, s3, s4, s5, s6, s7);
    }

    @Override
    public void reluBackward(float[] y, float[] dy, int from, int to) {
        FloatVector zero = FloatVector.zero(S);
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector v = FloatVector.fromArray(S, y, i);
            zero.blend(FloatVector.fromArray(S, dy, i), v.compare(VectorOperators.GT, 0f)).intoArray(dy, i);
        }
        reluBackwardLoop(y, dy, i, to);
    }

    @Override
    public void depthwise(float[] x, ConvShape s, float[] w, float[] b, float[] out, int pFrom, int pTo) {
        int c = s.cout;
        int[] taps = s.pixelTaps;
        int[] rows = s.pixelRows;
        for (int p = pFrom; p < pTo; p++) {
            int x0 = start(s, p);
            int o = p * c;
            int k = 0;
            for (; k + 4 * L <= c; k += 4 * L) {
                depthwise4(x, x0, taps, rows, w, b, k, c, out, o);
            }
            for (; k + L <= c; k += L) {
                depthwise1(x, x0, taps, rows, w, b, k, c, out, o);
            }
            if (k < c && c >= L) {
                // the last L channels again: the overlap is written with the values it already holds
                depthwise1(x, x0, taps, rows, w, b, c - L, c, out, o);
            } else if (k < c) {
                System.arraycopy(b, k, out, o + k, c - k);
                for (int t = 0; t < taps.length; t++) {
                    int i = x0 + taps[t];
                    int r = rows[t] * c;
                    for (int j = k; j < c; j++) {
                        out[o + j] = Math.fma(x[i + j], w[r + j], out[o + j]);
                    }
                }
            }
        }
        finish(s, out, pFrom, pTo);
    }

    private static void depthwise4(float[] x, int x0, int[] taps, int[] rows, float[] w, float[] b, int k, int c, float[] out,
                                   int o) {
        FloatVector a0 = FloatVector.fromArray(S, b, k);
        FloatVector a1 = FloatVector.fromArray(S, b, k + L);
        FloatVector a2 = FloatVector.fromArray(S, b, k + 2 * L);
        FloatVector a3 = FloatVector.fromArray(S, b, k + 3 * L);
        for (int t = 0; t < taps.length; t++) {
            int wi = k + rows[t] * c;
            int i = x0 + taps[t] + k;
            a0 = FloatVector.fromArray(S, x, i).fma(FloatVector.fromArray(S, w, wi), a0);
            a1 = FloatVector.fromArray(S, x, i + L).fma(FloatVector.fromArray(S, w, wi + L), a1);
            a2 = FloatVector.fromArray(S, x, i + 2 * L).fma(FloatVector.fromArray(S, w, wi + 2 * L), a2);
            a3 = FloatVector.fromArray(S, x, i + 3 * L).fma(FloatVector.fromArray(S, w, wi + 3 * L), a3);
        }
        int i = o + k;
        a0.intoArray(out, i);
        a1.intoArray(out, i + L);
        a2.intoArray(out, i + 2 * L);
        a3.intoArray(out, i + 3 * L);
    }

    private static void depthwise1(float[] x, int x0, int[] taps, int[] rows, float[] w, float[] b, int k, int c, float[] out,
                                   int o) {
        FloatVector a0 = FloatVector.fromArray(S, b, k);
        for (int t = 0; t < taps.length; t++) {
            int wi = k + rows[t] * c;
            a0 = FloatVector.fromArray(S, x, x0 + taps[t] + k).fma(FloatVector.fromArray(S, w, wi), a0);
        }
        a0.intoArray(out, o + k);
    }

    @Override
    public void dense(float[] x, int in, float[] w, float[] b, float[] out, int units, int uFrom, int uTo,
                      int activation, float alpha) {
        int u = uFrom;
        for (; u + 4 * L <= uTo; u += 4 * L) {
            dense4(x, in, w, b, out, units, u);
        }
        for (; u + L <= uTo; u += L) {
            dense1(x, in, w, b, out, units, u);
        }
        if (u < uTo && uTo - uFrom >= L) {
            // the last L units of this share again, from the bias: the overlap gets the values it holds
            dense1(x, in, w, b, out, units, uTo - L);
        } else if (u < uTo) {
            // fewer than L units in all: scalar, in the same order (masked vectors are slow on JDK 17)
            System.arraycopy(b, u, out, u, uTo - u);
            for (int i = 0; i < in; i++) {
                float a = x[i];
                int r = i * units;
                for (int j = u; j < uTo; j++) {
                    out[j] = Math.fma(a, w[r + j], out[j]);
                }
            }
        }
        if (activation != Activations.SOFTMAX) {
            activate(activation, alpha, out, uFrom, uTo);
        }
    }

    private static void dense4(float[] x, int in, float[] w, float[] b, float[] out, int units, int u) {
        FloatVector a0 = FloatVector.fromArray(S, b, u);
        FloatVector a1 = FloatVector.fromArray(S, b, u + L);
        FloatVector a2 = FloatVector.fromArray(S, b, u + 2 * L);
        FloatVector a3 = FloatVector.fromArray(S, b, u + 3 * L);
        int wi = u;
        for (int i = 0; i < in; i++, wi += units) {
            FloatVector v = FloatVector.broadcast(S, x[i]);
            a0 = v.fma(FloatVector.fromArray(S, w, wi), a0);
            a1 = v.fma(FloatVector.fromArray(S, w, wi + L), a1);
            a2 = v.fma(FloatVector.fromArray(S, w, wi + 2 * L), a2);
            a3 = v.fma(FloatVector.fromArray(S, w, wi + 3 * L), a3);
        }
        a0.intoArray(out, u);
        a1.intoArray(out, u + L);
        a2.intoArray(out, u + 2 * L);
        a3.intoArray(out, u + 3 * L);
    }

    private static void dense1(float[] x, int in, float[] w, float[] b, float[] out, int units, int u) {
        FloatVector a0 = FloatVector.fromArray(S, b, u);
        int wi = u;
        for (int i = 0; i < in; i++, wi += units) {
            a0 = FloatVector.broadcast(S, x[i]).fma(FloatVector.fromArray(S, w, wi), a0);
        }
        a0.intoArray(out, u);
    }

    // ---- training: weight and input gradients ------------------------------------------------

    /** Channel counts below this run on scratch copies with rows of this many floats. */
    private static final int NARROW = 16;

    /** Per thread, two scratch arrays for the narrow-channel paths, grown on first need. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[2][0]);

    private static float[] scratch(int which, int size) {
        float[][] s = SCRATCH.get();
        if (s[which].length < size) {
            s[which] = new float[size];
        }
        return s[which];
    }

    /** Floats of output gradient a weight-gradient pass reads per block of pixels (64 KiB). */
    private static final int GRADIENT_FLOATS = 16384;

    /**
     * Blocks of pixels (so their output gradients stay in L2), then 4 taps × 4 vectors of channels
     * in 16 registers, each added over the block's pixels; the rest of the taps one at a time, the
     * rest of the channels one vector at a time, and fewer than L channels in scalar chains. Every
     * weight gradient is a chain over pixels in order, from its value in {@code gw}.
     */
    @Override
    public void convWeightGradient(float[] x, int xOff, ConvShape s, float[] dy, int dyOff, float[] gw, int gwOff,
                                   int gbOff, int qFrom, int qTo) {
        int cout = s.cout;
        if (cout < NARROW) {
            narrowWeightGradient(x, xOff, s, dy, dyOff, gw, gwOff, gbOff, qFrom, qTo);
            return;
        }
        int block = Math.max(4, GRADIENT_FLOATS / cout);
        for (int qb = qFrom; qb < qTo; qb += block) {
            int qe = Math.min(qTo, qb + block);
            gradientBlock(x, xOff, s, dy, dyOff, cout, gw, gwOff, qb, qe);
            if (gbOff >= 0) {
                biasGradient(dy, dyOff, cout, gw, gbOff, qb, qe);
            }
        }
    }

    /**
     * Fewer than {@value #NARROW} output channels: the gradients and the output gradients are
     * copied into this thread's scratch with rows of {@value #NARROW} (the extra lanes zero), so
     * whole vectors do the work; each gradient is still the same chain over pixels from its value.
     */
    private static void narrowWeightGradient(float[] x, int xOff, ConvShape s, float[] dy, int dyOff, float[] gw,
                                             int gwOff, int gbOff, int qFrom, int qTo) {
        int cout = s.cout;
        int nt = s.kh * s.kw * s.cin;
        int block = GRADIENT_FLOATS / NARROW;
        // the weights' rows, then the bias's
        float[] gs = scratch(0, (nt + 1) * NARROW);
        float[] ds = scratch(1, block * NARROW);
        java.util.Arrays.fill(gs, 0, (nt + 1) * NARROW, 0f);
        java.util.Arrays.fill(ds, 0, block * NARROW, 0f);
        for (int t = 0; t < nt; t++) {
            System.arraycopy(gw, gwOff + t * cout, gs, t * NARROW, cout);
        }
        if (gbOff >= 0) {
            System.arraycopy(gw, gbOff, gs, nt * NARROW, cout);
        }
        for (int qb = qFrom; qb < qTo; qb += block) {
            int qe = Math.min(qTo, qb + block);
            for (int q = qb; q < qe; q++) {
                System.arraycopy(dy, dyOff + q * cout, ds, (q - qb) * NARROW, cout);
            }
            gradientBlock(x, xOff, s, ds, -qb * NARROW, NARROW, gs, 0, qb, qe);
            if (gbOff >= 0) {
                biasGradient(ds, -qb * NARROW, NARROW, gs, nt * NARROW, qb, qe);
            }
        }
        for (int t = 0; t < nt; t++) {
            System.arraycopy(gs, t * NARROW, gw, gwOff + t * cout, cout);
        }
        if (gbOff >= 0) {
            System.arraycopy(gs, nt * NARROW, gw, gbOff, cout);
        }
    }

    /**
     * Pixels {@code [qb, qe)} of the weight gradient, with rows of {@code cout} in {@code dy} and
     * {@code gw}. A tile of several taps needs their weight rows one after another; where the
     * taps skip a window position that reads only padding, the taps go one at a time.
     */
    private static void gradientBlock(float[] x, int xOff, ConvShape s, float[] dy, int dyOff, int cout, float[] gw,
                                      int gwOff, int qb, int qe) {
        int[] taps = s.taps;
        int[] rows = s.tapRows;
        int nt = taps.length;
        int co = 0;
        for (; co + 4 * L <= cout; co += 4 * L) {
            int t = 0;
            while (t < nt) {
                if (t + 4 <= nt && rows[t + 3] - rows[t] == 3) {
                    gradTile4x4(x, xOff, s, taps[t], taps[t + 1], taps[t + 2], taps[t + 3], dy, dyOff + co, cout, gw,
                            gwOff + rows[t] * cout + co, qb, qe);
                    t += 4;
                } else {
                    gradTile1x4(x, xOff, s, taps[t], dy, dyOff + co, cout, gw, gwOff + rows[t] * cout + co, qb, qe);
                    t++;
                }
            }
        }
        for (; co + L <= cout; co += L) {
            int t = 0;
            while (t < nt) {
                if (t + 8 <= nt && rows[t + 7] - rows[t] == 7) {
                    gradTile8x1(x, xOff, s, taps, t, dy, dyOff + co, cout, gw, gwOff + rows[t] * cout + co, qb, qe);
                    t += 8;
                } else if (t + 4 <= nt && rows[t + 3] - rows[t] == 3) {
                    gradTile4x1(x, xOff, s, taps[t], taps[t + 1], taps[t + 2], taps[t + 3], dy, dyOff + co, cout, gw,
                            gwOff + rows[t] * cout + co, qb, qe);
                    t += 4;
                } else {
                    gradTile1x1(x, xOff, s, taps[t], dy, dyOff + co, cout, gw, gwOff + rows[t] * cout + co, qb, qe);
                    t++;
                }
            }
        }
        for (; co < cout; co += 8) {
            int n = Math.min(8, cout - co);
            for (int t = 0; t < nt; t++) {
                gradTail8(x, xOff, s, taps[t], dy, dyOff + co, cout, gw, gwOff + rows[t] * cout + co, n, qb, qe);
            }
        }
    }

    /** {@code gw[gb + co] += dy[q·cout + co]} over pixels {@code [qb, qe)} in order. */
    private static void biasGradient(float[] dy, int dyOff, int cout, float[] gw, int gb, int qb, int qe) {
        int co = 0;
        for (; co + 4 * L <= cout; co += 4 * L) {
            // four chains at once, each still over the pixels in order
            FloatVector a0 = FloatVector.fromArray(S, gw, gb + co);
            FloatVector a1 = FloatVector.fromArray(S, gw, gb + co + L);
            FloatVector a2 = FloatVector.fromArray(S, gw, gb + co + 2 * L);
            FloatVector a3 = FloatVector.fromArray(S, gw, gb + co + 3 * L);
            for (int q = qb, d = dyOff + qb * cout + co; q < qe; q++, d += cout) {
                a0 = a0.add(FloatVector.fromArray(S, dy, d));
                a1 = a1.add(FloatVector.fromArray(S, dy, d + L));
                a2 = a2.add(FloatVector.fromArray(S, dy, d + 2 * L));
                a3 = a3.add(FloatVector.fromArray(S, dy, d + 3 * L));
            }
            a0.intoArray(gw, gb + co);
            a1.intoArray(gw, gb + co + L);
            a2.intoArray(gw, gb + co + 2 * L);
            a3.intoArray(gw, gb + co + 3 * L);
        }
        for (; co + L <= cout; co += L) {
            FloatVector a = FloatVector.fromArray(S, gw, gb + co);
            for (int q = qb, d = dyOff + qb * cout + co; q < qe; q++, d += cout) {
                a = a.add(FloatVector.fromArray(S, dy, d));
            }
            a.intoArray(gw, gb + co);
        }
        for (; co < cout; co++) {
            float a = gw[gb + co];
            for (int q = qb, d = dyOff + qb * cout + co; q < qe; q++, d += cout) {
                a += dy[d];
            }
            gw[gb + co] = a;
        }
    }


    private static void gradTile4x4(float[] x, int xOff, ConvShape s, int k0, int k1, int k2, int k3, float[] dy, int d0, int cout, float[] gw, int g,
                                    int qb, int qe) {
        FloatVector a00 = FloatVector.fromArray(S, gw, g);
        FloatVector a01 = FloatVector.fromArray(S, gw, g + L);
        FloatVector a02 = FloatVector.fromArray(S, gw, g + 2 * L);
        FloatVector a03 = FloatVector.fromArray(S, gw, g + 3 * L);
        FloatVector a10 = FloatVector.fromArray(S, gw, g + cout);
        FloatVector a11 = FloatVector.fromArray(S, gw, g + cout + L);
        FloatVector a12 = FloatVector.fromArray(S, gw, g + cout + 2 * L);
        FloatVector a13 = FloatVector.fromArray(S, gw, g + cout + 3 * L);
        FloatVector a20 = FloatVector.fromArray(S, gw, g + 2 * cout);
        FloatVector a21 = FloatVector.fromArray(S, gw, g + 2 * cout + L);
        FloatVector a22 = FloatVector.fromArray(S, gw, g + 2 * cout + 2 * L);
        FloatVector a23 = FloatVector.fromArray(S, gw, g + 2 * cout + 3 * L);
        FloatVector a30 = FloatVector.fromArray(S, gw, g + 3 * cout);
        FloatVector a31 = FloatVector.fromArray(S, gw, g + 3 * cout + L);
        FloatVector a32 = FloatVector.fromArray(S, gw, g + 3 * cout + 2 * L);
        FloatVector a33 = FloatVector.fromArray(S, gw, g + 3 * cout + 3 * L);
        int rowStep = s.sh * s.wp * s.cin;
        int colStep = s.sw * s.cin;
        int ox = qb % s.ow;
        int oy = qb / s.ow % s.oh;
        int row = xOff + qb / (s.oh * s.ow) * s.sampleStride() + oy * rowStep;
        int xi = row + ox * colStep;
        for (int q = qb, d = d0 + qb * cout; q < qe; q++, d += cout) {
            FloatVector e0 = FloatVector.fromArray(S, dy, d);
            FloatVector e1 = FloatVector.fromArray(S, dy, d + L);
            FloatVector e2 = FloatVector.fromArray(S, dy, d + 2 * L);
            FloatVector e3 = FloatVector.fromArray(S, dy, d + 3 * L);
            FloatVector v0 = FloatVector.broadcast(S, x[xi + k0]);
            a00 = v0.fma(e0, a00);
            a01 = v0.fma(e1, a01);
            a02 = v0.fma(e2, a02);
            a03 = v0.fma(e3, a03);
            FloatVector v1 = FloatVector.broadcast(S, x[xi + k1]);
            a10 = v1.fma(e0, a10);
            a11 = v1.fma(e1, a11);
            a12 = v1.fma(e2, a12);
            a13 = v1.fma(e3, a13);
            FloatVector v2 = FloatVector.broadcast(S, x[xi + k2]);
            a20 = v2.fma(e0, a20);
            a21 = v2.fma(e1, a21);
            a22 = v2.fma(e2, a22);
            a23 = v2.fma(e3, a23);
            FloatVector v3 = FloatVector.broadcast(S, x[xi + k3]);
            a30 = v3.fma(e0, a30);
            a31 = v3.fma(e1, a31);
            a32 = v3.fma(e2, a32);
            a33 = v3.fma(e3, a33);
            xi += colStep;
            if (++ox == s.ow) {
                ox = 0;
                row += rowStep;
                if (++oy == s.oh) {
                    oy = 0;
                    row += s.sampleStride() - s.oh * rowStep;
                }
                xi = row;
            }
        }
        a00.intoArray(gw, g);
        a01.intoArray(gw, g + L);
        a02.intoArray(gw, g + 2 * L);
        a03.intoArray(gw, g + 3 * L);
        a10.intoArray(gw, g + cout);
        a11.intoArray(gw, g + cout + L);
        a12.intoArray(gw, g + cout + 2 * L);
        a13.intoArray(gw, g + cout + 3 * L);
        a20.intoArray(gw, g + 2 * cout);
        a21.intoArray(gw, g + 2 * cout + L);
        a22.intoArray(gw, g + 2 * cout + 2 * L);
        a23.intoArray(gw, g + 2 * cout + 3 * L);
        a30.intoArray(gw, g + 3 * cout);
        a31.intoArray(gw, g + 3 * cout + L);
        a32.intoArray(gw, g + 3 * cout + 2 * L);
        a33.intoArray(gw, g + 3 * cout + 3 * L);
    }

    private static void gradTile1x4(float[] x, int xOff, ConvShape s, int k0, float[] dy, int d0, int cout, float[] gw, int g,
                                    int qb, int qe) {
        FloatVector a00 = FloatVector.fromArray(S, gw, g);
        FloatVector a01 = FloatVector.fromArray(S, gw, g + L);
        FloatVector a02 = FloatVector.fromArray(S, gw, g + 2 * L);
        FloatVector a03 = FloatVector.fromArray(S, gw, g + 3 * L);
        int rowStep = s.sh * s.wp * s.cin;
        int colStep = s.sw * s.cin;
        int ox = qb % s.ow;
        int oy = qb / s.ow % s.oh;
        int row = xOff + qb / (s.oh * s.ow) * s.sampleStride() + oy * rowStep;
        int xi = row + ox * colStep;
        for (int q = qb, d = d0 + qb * cout; q < qe; q++, d += cout) {
            FloatVector e0 = FloatVector.fromArray(S, dy, d);
            FloatVector e1 = FloatVector.fromArray(S, dy, d + L);
            FloatVector e2 = FloatVector.fromArray(S, dy, d + 2 * L);
            FloatVector e3 = FloatVector.fromArray(S, dy, d + 3 * L);
            FloatVector v0 = FloatVector.broadcast(S, x[xi + k0]);
            a00 = v0.fma(e0, a00);
            a01 = v0.fma(e1, a01);
            a02 = v0.fma(e2, a02);
            a03 = v0.fma(e3, a03);
            xi += colStep;
            if (++ox == s.ow) {
                ox = 0;
                row += rowStep;
                if (++oy == s.oh) {
                    oy = 0;
                    row += s.sampleStride() - s.oh * rowStep;
                }
                xi = row;
            }
        }
        a00.intoArray(gw, g);
        a01.intoArray(gw, g + L);
        a02.intoArray(gw, g + 2 * L);
        a03.intoArray(gw, g + 3 * L);
    }

    private static void gradTile4x1(float[] x, int xOff, ConvShape s, int k0, int k1, int k2, int k3, float[] dy, int d0, int cout, float[] gw, int g,
                                    int qb, int qe) {
        FloatVector a00 = FloatVector.fromArray(S, gw, g);
        FloatVector a10 = FloatVector.fromArray(S, gw, g + cout);
        FloatVector a20 = FloatVector.fromArray(S, gw, g + 2 * cout);
        FloatVector a30 = FloatVector.fromArray(S, gw, g + 3 * cout);
        int rowStep = s.sh * s.wp * s.cin;
        int colStep = s.sw * s.cin;
        int ox = qb % s.ow;
        int oy = qb / s.ow % s.oh;
        int row = xOff + qb / (s.oh * s.ow) * s.sampleStride() + oy * rowStep;
        int xi = row + ox * colStep;
        for (int q = qb, d = d0 + qb * cout; q < qe; q++, d += cout) {
            FloatVector e0 = FloatVector.fromArray(S, dy, d);
            FloatVector v0 = FloatVector.broadcast(S, x[xi + k0]);
            a00 = v0.fma(e0, a00);
            FloatVector v1 = FloatVector.broadcast(S, x[xi + k1]);
            a10 = v1.fma(e0, a10);
            FloatVector v2 = FloatVector.broadcast(S, x[xi + k2]);
            a20 = v2.fma(e0, a20);
            FloatVector v3 = FloatVector.broadcast(S, x[xi + k3]);
            a30 = v3.fma(e0, a30);
            xi += colStep;
            if (++ox == s.ow) {
                ox = 0;
                row += rowStep;
                if (++oy == s.oh) {
                    oy = 0;
                    row += s.sampleStride() - s.oh * rowStep;
                }
                xi = row;
            }
        }
        a00.intoArray(gw, g);
        a10.intoArray(gw, g + cout);
        a20.intoArray(gw, g + 2 * cout);
        a30.intoArray(gw, g + 3 * cout);
    }

    private static void gradTile1x1(float[] x, int xOff, ConvShape s, int k0, float[] dy, int d0, int cout, float[] gw, int g,
                                    int qb, int qe) {
        FloatVector a00 = FloatVector.fromArray(S, gw, g);
        int rowStep = s.sh * s.wp * s.cin;
        int colStep = s.sw * s.cin;
        int ox = qb % s.ow;
        int oy = qb / s.ow % s.oh;
        int row = xOff + qb / (s.oh * s.ow) * s.sampleStride() + oy * rowStep;
        int xi = row + ox * colStep;
        for (int q = qb, d = d0 + qb * cout; q < qe; q++, d += cout) {
            FloatVector e0 = FloatVector.fromArray(S, dy, d);
            FloatVector v0 = FloatVector.broadcast(S, x[xi + k0]);
            a00 = v0.fma(e0, a00);
            xi += colStep;
            if (++ox == s.ow) {
                ox = 0;
                row += rowStep;
                if (++oy == s.oh) {
                    oy = 0;
                    row += s.sampleStride() - s.oh * rowStep;
                }
                xi = row;
            }
        }
        a00.intoArray(gw, g);
    }

    /** One tap's gradients of channels {@code [co, co + n)}, {@code n ≤ 8}, in scalar registers. */
    private static void gradTail8(float[] x, int xOff, ConvShape s, int k, float[] dy, int d0, int cout, float[] gw, int g,
                                  int n, int qb, int qe) {
        float s0 = gw[g];
        float s1 = n > 1 ? gw[g + 1] : 0f;
        float s2 = n > 2 ? gw[g + 2] : 0f;
        float s3 = n > 3 ? gw[g + 3] : 0f;
        float s4 = n > 4 ? gw[g + 4] : 0f;
        float s5 = n > 5 ? gw[g + 5] : 0f;
        float s6 = n > 6 ? gw[g + 6] : 0f;
        float s7 = n > 7 ? gw[g + 7] : 0f;
        int rowStep = s.sh * s.wp * s.cin;
        int colStep = s.sw * s.cin;
        int ox = qb % s.ow;
        int oy = qb / s.ow % s.oh;
        int row = xOff + qb / (s.oh * s.ow) * s.sampleStride() + oy * rowStep;
        int xi = row + ox * colStep;
        for (int q = qb, d = d0 + qb * cout; q < qe; q++, d += cout) {
            float a = x[xi + k];
            s0 = Math.fma(a, dy[d], s0);
            if (n > 1) {
                s1 = Math.fma(a, dy[d + 1], s1);
            }
            if (n > 2) {
                s2 = Math.fma(a, dy[d + 2], s2);
            }
            if (n > 3) {
                s3 = Math.fma(a, dy[d + 3], s3);
            }
            if (n > 4) {
                s4 = Math.fma(a, dy[d + 4], s4);
            }
            if (n > 5) {
                s5 = Math.fma(a, dy[d + 5], s5);
            }
            if (n > 6) {
                s6 = Math.fma(a, dy[d + 6], s6);
            }
            if (n > 7) {
                s7 = Math.fma(a, dy[d + 7], s7);
            }
            xi += colStep;
            if (++ox == s.ow) {
                ox = 0;
                row += rowStep;
                if (++oy == s.oh) {
                    oy = 0;
                    row += s.sampleStride() - s.oh * rowStep;
                }
                xi = row;
            }
        }
        storeFirst(n, gw, g, s0, s1, s2, s3, s4, s5, s6, s7);
    }

    /**
     * Per sample's share of the range, tiles of 4 pixels (the rest one at a time); per tile, each
     * window position; per position, 4 vectors of input channels × the tile's pixels in 16
     * registers, a chain over {@code co} from the values in {@code dx}; then one vector of channels,
     * then fewer than L in scalar chains. Fewer than {@value #NARROW} input channels run on scratch
     * copies with {@value #NARROW} channels per pixel, so each pixel's channels fill whole vectors.
     */
    @Override
    public void convInputGradient(float[] dy, int dyOff, ConvShape s, float[] wt, int wtOff, float[] dx, int dxOff,
                                  int qFrom, int qTo) {
        int pixels = s.pixels();
        int cin = s.cin;
        int cout = s.cout;
        if (cin >= NARROW) {
            for (int a = qFrom; a < qTo; ) {
                int b = Math.min(qTo, (a / pixels + 1) * pixels);
                inputGradientSegment(dy, dyOff, s, cout, cin, cin < EIGHT_PIXEL_TILES_BELOW, wt, wtOff, dx, dxOff, a, b);
                a = b;
            }
            return;
        }
        ConvShape wide = s.widerIn;
        int rows = s.kh * s.kw * cout;
        float[] ws = scratch(0, rows * NARROW);
        java.util.Arrays.fill(ws, 0, rows * NARROW, 0f);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(wt, wtOff + r * cin, ws, r * NARROW, cin);
        }
        int area = s.hp * s.wp;
        float[] xs = scratch(1, area * NARROW);
        java.util.Arrays.fill(xs, 0, area * NARROW, 0f);
        for (int a = qFrom; a < qTo; ) {
            int n = a / pixels;
            int b = Math.min(qTo, (n + 1) * pixels);
            int src = dxOff + n * s.sampleStride();
            for (int i = 0; i < area; i++) {
                System.arraycopy(dx, src + i * cin, xs, i * NARROW, cin);
            }
            inputGradientSegment(dy, dyOff, wide, cout, NARROW, true, ws, 0, xs, -n * wide.sampleStride(), a, b);
            for (int i = 0; i < area; i++) {
                System.arraycopy(xs, i * NARROW, dx, src + i * cin, cin);
            }
            a = b;
        }
    }

    /** Pixels {@code [qFrom, qTo)} of one sample; {@code s} gives the window offsets for {@code cin} channels. */
    private static void inputGradientSegment(float[] dy, int dyOff, ConvShape s, int cout, int cin, boolean eight,
                                             float[] wt, int wtOff, float[] dx, int dxOff, int qFrom, int qTo) {
        int[] pos = s.pixelTaps;
        int q = qFrom;
        for (; eight && q + 8 <= qTo; q += 8) {
            int i0 = dxOff + start(s, q);
            int i1 = dxOff + start(s, q + 1);
            int i2 = dxOff + start(s, q + 2);
            int i3 = dxOff + start(s, q + 3);
            int i4 = dxOff + start(s, q + 4);
            int i5 = dxOff + start(s, q + 5);
            int i6 = dxOff + start(s, q + 6);
            int i7 = dxOff + start(s, q + 7);
            int d0 = dyOff + q * cout;
            int d4 = d0 + 4 * cout;
            for (int k = 0; k < pos.length; k++) {
                int r = wtOff + s.pixelRows[k] * cout * cin;
                int pk = pos[k];
                int ci = 0;
                for (; ci + 4 * L <= cin; ci += 4 * L) {
                    int c = pk + ci;
                    inTile4x4(dy, d0, cout, wt, r + ci, cin, dx, i0 + c, i1 + c, i2 + c, i3 + c);
                    inTile4x4(dy, d4, cout, wt, r + ci, cin, dx, i4 + c, i5 + c, i6 + c, i7 + c);
                }
                for (; ci + L <= cin; ci += L) {
                    int c = pk + ci;
                    inTile8x1(dy, d0, cout, wt, r + ci, cin, dx, i0 + c, i1 + c, i2 + c, i3 + c, i4 + c, i5 + c,
                            i6 + c, i7 + c);
                }
                if (ci < cin) {
                    inTail(dy, d0, cout, wt, r, ci, cin, dx, i0 + pk);
                    inTail(dy, d0 + cout, cout, wt, r, ci, cin, dx, i1 + pk);
                    inTail(dy, d0 + 2 * cout, cout, wt, r, ci, cin, dx, i2 + pk);
                    inTail(dy, d0 + 3 * cout, cout, wt, r, ci, cin, dx, i3 + pk);
                    inTail(dy, d4, cout, wt, r, ci, cin, dx, i4 + pk);
                    inTail(dy, d4 + cout, cout, wt, r, ci, cin, dx, i5 + pk);
                    inTail(dy, d4 + 2 * cout, cout, wt, r, ci, cin, dx, i6 + pk);
                    inTail(dy, d4 + 3 * cout, cout, wt, r, ci, cin, dx, i7 + pk);
                }
            }
        }
        for (; q + 4 <= qTo; q += 4) {
            int i0 = dxOff + start(s, q);
            int i1 = dxOff + start(s, q + 1);
            int i2 = dxOff + start(s, q + 2);
            int i3 = dxOff + start(s, q + 3);
            int d0 = dyOff + q * cout;
            for (int k = 0; k < pos.length; k++) {
                int r = wtOff + s.pixelRows[k] * cout * cin;
                int pk = pos[k];
                int ci = 0;
                for (; ci + 4 * L <= cin; ci += 4 * L) {
                    inTile4x4(dy, d0, cout, wt, r + ci, cin, dx, i0 + pk + ci, i1 + pk + ci, i2 + pk + ci,
                            i3 + pk + ci);
                }
                for (; ci + L <= cin; ci += L) {
                    inTile4x1(dy, d0, cout, wt, r + ci, cin, dx, i0 + pk + ci, i1 + pk + ci, i2 + pk + ci,
                            i3 + pk + ci);
                }
                if (ci < cin) {
                    inTail(dy, d0, cout, wt, r, ci, cin, dx, i0 + pk);
                    inTail(dy, d0 + cout, cout, wt, r, ci, cin, dx, i1 + pk);
                    inTail(dy, d0 + 2 * cout, cout, wt, r, ci, cin, dx, i2 + pk);
                    inTail(dy, d0 + 3 * cout, cout, wt, r, ci, cin, dx, i3 + pk);
                }
            }
        }
        for (; q < qTo; q++) {
            int i0 = dxOff + start(s, q);
            int d0 = dyOff + q * cout;
            for (int k = 0; k < pos.length; k++) {
                int r = wtOff + s.pixelRows[k] * cout * cin;
                int pk = pos[k];
                int ci = 0;
                for (; ci + 4 * L <= cin; ci += 4 * L) {
                    inTile1x4(dy, d0, cout, wt, r + ci, cin, dx, i0 + pk + ci);
                }
                for (; ci + L <= cin; ci += L) {
                    inTile1x1(dy, d0, cout, wt, r + ci, cin, dx, i0 + pk + ci);
                }
                if (ci < cin) {
                    inTail(dy, d0, cout, wt, r, ci, cin, dx, i0 + pk);
                }
            }
        }
    }

    private static void inTile4x4(float[] dy, int d0, int cout, float[] wt, int r, int cin, float[] dx, int i0, int i1, int i2, int i3) {
        FloatVector a00 = FloatVector.fromArray(S, dx, i0);
        FloatVector a01 = FloatVector.fromArray(S, dx, i0 + L);
        FloatVector a02 = FloatVector.fromArray(S, dx, i0 + 2 * L);
        FloatVector a03 = FloatVector.fromArray(S, dx, i0 + 3 * L);
        FloatVector a10 = FloatVector.fromArray(S, dx, i1);
        FloatVector a11 = FloatVector.fromArray(S, dx, i1 + L);
        FloatVector a12 = FloatVector.fromArray(S, dx, i1 + 2 * L);
        FloatVector a13 = FloatVector.fromArray(S, dx, i1 + 3 * L);
        FloatVector a20 = FloatVector.fromArray(S, dx, i2);
        FloatVector a21 = FloatVector.fromArray(S, dx, i2 + L);
        FloatVector a22 = FloatVector.fromArray(S, dx, i2 + 2 * L);
        FloatVector a23 = FloatVector.fromArray(S, dx, i2 + 3 * L);
        FloatVector a30 = FloatVector.fromArray(S, dx, i3);
        FloatVector a31 = FloatVector.fromArray(S, dx, i3 + L);
        FloatVector a32 = FloatVector.fromArray(S, dx, i3 + 2 * L);
        FloatVector a33 = FloatVector.fromArray(S, dx, i3 + 3 * L);
        for (int co = 0, wi = r; co < cout; co++, wi += cin) {
            FloatVector w0 = FloatVector.fromArray(S, wt, wi);
            FloatVector w1 = FloatVector.fromArray(S, wt, wi + L);
            FloatVector w2 = FloatVector.fromArray(S, wt, wi + 2 * L);
            FloatVector w3 = FloatVector.fromArray(S, wt, wi + 3 * L);
            FloatVector v0 = FloatVector.broadcast(S, dy[d0 + co]);
            a00 = v0.fma(w0, a00);
            a01 = v0.fma(w1, a01);
            a02 = v0.fma(w2, a02);
            a03 = v0.fma(w3, a03);
            FloatVector v1 = FloatVector.broadcast(S, dy[d0 + cout + co]);
            a10 = v1.fma(w0, a10);
            a11 = v1.fma(w1, a11);
            a12 = v1.fma(w2, a12);
            a13 = v1.fma(w3, a13);
            FloatVector v2 = FloatVector.broadcast(S, dy[d0 + 2 * cout + co]);
            a20 = v2.fma(w0, a20);
            a21 = v2.fma(w1, a21);
            a22 = v2.fma(w2, a22);
            a23 = v2.fma(w3, a23);
            FloatVector v3 = FloatVector.broadcast(S, dy[d0 + 3 * cout + co]);
            a30 = v3.fma(w0, a30);
            a31 = v3.fma(w1, a31);
            a32 = v3.fma(w2, a32);
            a33 = v3.fma(w3, a33);
        }
        a00.intoArray(dx, i0);
        a01.intoArray(dx, i0 + L);
        a02.intoArray(dx, i0 + 2 * L);
        a03.intoArray(dx, i0 + 3 * L);
        a10.intoArray(dx, i1);
        a11.intoArray(dx, i1 + L);
        a12.intoArray(dx, i1 + 2 * L);
        a13.intoArray(dx, i1 + 3 * L);
        a20.intoArray(dx, i2);
        a21.intoArray(dx, i2 + L);
        a22.intoArray(dx, i2 + 2 * L);
        a23.intoArray(dx, i2 + 3 * L);
        a30.intoArray(dx, i3);
        a31.intoArray(dx, i3 + L);
        a32.intoArray(dx, i3 + 2 * L);
        a33.intoArray(dx, i3 + 3 * L);
    }

    private static void inTile4x1(float[] dy, int d0, int cout, float[] wt, int r, int cin, float[] dx, int i0, int i1, int i2, int i3) {
        FloatVector a00 = FloatVector.fromArray(S, dx, i0);
        FloatVector a10 = FloatVector.fromArray(S, dx, i1);
        FloatVector a20 = FloatVector.fromArray(S, dx, i2);
        FloatVector a30 = FloatVector.fromArray(S, dx, i3);
        for (int co = 0, wi = r; co < cout; co++, wi += cin) {
            FloatVector w0 = FloatVector.fromArray(S, wt, wi);
            FloatVector v0 = FloatVector.broadcast(S, dy[d0 + co]);
            a00 = v0.fma(w0, a00);
            FloatVector v1 = FloatVector.broadcast(S, dy[d0 + cout + co]);
            a10 = v1.fma(w0, a10);
            FloatVector v2 = FloatVector.broadcast(S, dy[d0 + 2 * cout + co]);
            a20 = v2.fma(w0, a20);
            FloatVector v3 = FloatVector.broadcast(S, dy[d0 + 3 * cout + co]);
            a30 = v3.fma(w0, a30);
        }
        a00.intoArray(dx, i0);
        a10.intoArray(dx, i1);
        a20.intoArray(dx, i2);
        a30.intoArray(dx, i3);
    }

    private static void inTile1x4(float[] dy, int d0, int cout, float[] wt, int r, int cin, float[] dx, int i0) {
        FloatVector a00 = FloatVector.fromArray(S, dx, i0);
        FloatVector a01 = FloatVector.fromArray(S, dx, i0 + L);
        FloatVector a02 = FloatVector.fromArray(S, dx, i0 + 2 * L);
        FloatVector a03 = FloatVector.fromArray(S, dx, i0 + 3 * L);
        for (int co = 0, wi = r; co < cout; co++, wi += cin) {
            FloatVector w0 = FloatVector.fromArray(S, wt, wi);
            FloatVector w1 = FloatVector.fromArray(S, wt, wi + L);
            FloatVector w2 = FloatVector.fromArray(S, wt, wi + 2 * L);
            FloatVector w3 = FloatVector.fromArray(S, wt, wi + 3 * L);
            FloatVector v0 = FloatVector.broadcast(S, dy[d0 + co]);
            a00 = v0.fma(w0, a00);
            a01 = v0.fma(w1, a01);
            a02 = v0.fma(w2, a02);
            a03 = v0.fma(w3, a03);
        }
        a00.intoArray(dx, i0);
        a01.intoArray(dx, i0 + L);
        a02.intoArray(dx, i0 + 2 * L);
        a03.intoArray(dx, i0 + 3 * L);
    }

    private static void inTile1x1(float[] dy, int d0, int cout, float[] wt, int r, int cin, float[] dx, int i0) {
        FloatVector a00 = FloatVector.fromArray(S, dx, i0);
        for (int co = 0, wi = r; co < cout; co++, wi += cin) {
            FloatVector w0 = FloatVector.fromArray(S, wt, wi);
            FloatVector v0 = FloatVector.broadcast(S, dy[d0 + co]);
            a00 = v0.fma(w0, a00);
        }
        a00.intoArray(dx, i0);
    }

    /** Input channels {@code [c0, cin)} of one pixel and window position, up to 8 at a time in scalar chains. */
    private static void inTail(float[] dy, int d, int cout, float[] wt, int r, int c0, int cin, float[] dx, int i) {
        for (int c = c0; c < cin; c += 8) {
            int n = Math.min(8, cin - c);
            float s0 = dx[i + c];
            float s1 = n > 1 ? dx[i + c + 1] : 0f;
            float s2 = n > 2 ? dx[i + c + 2] : 0f;
            float s3 = n > 3 ? dx[i + c + 3] : 0f;
            float s4 = n > 4 ? dx[i + c + 4] : 0f;
            float s5 = n > 5 ? dx[i + c + 5] : 0f;
            float s6 = n > 6 ? dx[i + c + 6] : 0f;
            float s7 = n > 7 ? dx[i + c + 7] : 0f;
            for (int co = 0, wi = r + c; co < cout; co++, wi += cin) {
                float e = dy[d + co];
                s0 = Math.fma(e, wt[wi], s0);
                if (n > 1) {
                    s1 = Math.fma(e, wt[wi + 1], s1);
                }
                if (n > 2) {
                    s2 = Math.fma(e, wt[wi + 2], s2);
                }
                if (n > 3) {
                    s3 = Math.fma(e, wt[wi + 3], s3);
                }
                if (n > 4) {
                    s4 = Math.fma(e, wt[wi + 4], s4);
                }
                if (n > 5) {
                    s5 = Math.fma(e, wt[wi + 5], s5);
                }
                if (n > 6) {
                    s6 = Math.fma(e, wt[wi + 6], s6);
                }
                if (n > 7) {
                    s7 = Math.fma(e, wt[wi + 7], s7);
                }
            }
            storeFirst(n, dx, i + c, s0, s1, s2, s3, s4, s5, s6, s7);
        }
    }

    /** Stores the first {@code n} (1 to 8) of the scalar chains {@code s0…s7} at {@code a[at…]}. */
    private static void storeFirst(int n, float[] a, int at, float s0, float s1, float s2, float s3, float s4, float s5,
                                   float s6, float s7) {
        a[at] = s0;
        if (n > 1) {
            a[at + 1] = s1;
        }
        if (n > 2) {
            a[at + 2] = s2;
        }
        if (n > 3) {
            a[at + 3] = s3;
        }
        if (n > 4) {
            a[at + 4] = s4;
        }
        if (n > 5) {
            a[at + 5] = s5;
        }
        if (n > 6) {
            a[at + 6] = s6;
        }
        if (n > 7) {
            a[at + 7] = s7;
        }
    }

    /** One vector of channels for 8 pixels: 8 independent chains, so the multiply-adds do not wait on each other. */
    private static void tile8x1(float[] x, int x0, int x1, int x2, int x3, int x4, int x5, int x6, int x7, int[] taps,
                                int t0, int t1, float[] w, int wb, int co, int cout, float[] out, int o) {
        int i = o + co;
        FloatVector a0 = FloatVector.fromArray(S, out, i);
        FloatVector a1 = FloatVector.fromArray(S, out, i + cout);
        FloatVector a2 = FloatVector.fromArray(S, out, i + 2 * cout);
        FloatVector a3 = FloatVector.fromArray(S, out, i + 3 * cout);
        FloatVector a4 = FloatVector.fromArray(S, out, i + 4 * cout);
        FloatVector a5 = FloatVector.fromArray(S, out, i + 5 * cout);
        FloatVector a6 = FloatVector.fromArray(S, out, i + 6 * cout);
        FloatVector a7 = FloatVector.fromArray(S, out, i + 7 * cout);
        int wi = wb;
        for (int t = t0; t < t1; t++, wi += cout) {
            int k = taps[t];
            FloatVector w0 = FloatVector.fromArray(S, w, wi);
            a0 = FloatVector.broadcast(S, x[x0 + k]).fma(w0, a0);
            a1 = FloatVector.broadcast(S, x[x1 + k]).fma(w0, a1);
            a2 = FloatVector.broadcast(S, x[x2 + k]).fma(w0, a2);
            a3 = FloatVector.broadcast(S, x[x3 + k]).fma(w0, a3);
            a4 = FloatVector.broadcast(S, x[x4 + k]).fma(w0, a4);
            a5 = FloatVector.broadcast(S, x[x5 + k]).fma(w0, a5);
            a6 = FloatVector.broadcast(S, x[x6 + k]).fma(w0, a6);
            a7 = FloatVector.broadcast(S, x[x7 + k]).fma(w0, a7);
        }
        a0.intoArray(out, i);
        a1.intoArray(out, i + cout);
        a2.intoArray(out, i + 2 * cout);
        a3.intoArray(out, i + 3 * cout);
        a4.intoArray(out, i + 4 * cout);
        a5.intoArray(out, i + 5 * cout);
        a6.intoArray(out, i + 6 * cout);
        a7.intoArray(out, i + 7 * cout);
    }

    /** 8 taps × one vector of channels: 8 independent chains over the pixels. */
    private static void gradTile8x1(float[] x, int xOff, ConvShape s, int[] taps, int t, float[] dy, int d0, int cout,
                                    float[] gw, int g, int qb, int qe) {
        int k0 = taps[t + 0];
        int k1 = taps[t + 1];
        int k2 = taps[t + 2];
        int k3 = taps[t + 3];
        int k4 = taps[t + 4];
        int k5 = taps[t + 5];
        int k6 = taps[t + 6];
        int k7 = taps[t + 7];
        FloatVector a0 = FloatVector.fromArray(S, gw, g);
        FloatVector a1 = FloatVector.fromArray(S, gw, g + cout);
        FloatVector a2 = FloatVector.fromArray(S, gw, g + 2 * cout);
        FloatVector a3 = FloatVector.fromArray(S, gw, g + 3 * cout);
        FloatVector a4 = FloatVector.fromArray(S, gw, g + 4 * cout);
        FloatVector a5 = FloatVector.fromArray(S, gw, g + 5 * cout);
        FloatVector a6 = FloatVector.fromArray(S, gw, g + 6 * cout);
        FloatVector a7 = FloatVector.fromArray(S, gw, g + 7 * cout);
        int rowStep = s.sh * s.wp * s.cin;
        int colStep = s.sw * s.cin;
        int ox = qb % s.ow;
        int oy = qb / s.ow % s.oh;
        int row = xOff + qb / (s.oh * s.ow) * s.sampleStride() + oy * rowStep;
        int xi = row + ox * colStep;
        for (int q = qb, d = d0 + qb * cout; q < qe; q++, d += cout) {
            FloatVector e = FloatVector.fromArray(S, dy, d);
            a0 = FloatVector.broadcast(S, x[xi + k0]).fma(e, a0);
            a1 = FloatVector.broadcast(S, x[xi + k1]).fma(e, a1);
            a2 = FloatVector.broadcast(S, x[xi + k2]).fma(e, a2);
            a3 = FloatVector.broadcast(S, x[xi + k3]).fma(e, a3);
            a4 = FloatVector.broadcast(S, x[xi + k4]).fma(e, a4);
            a5 = FloatVector.broadcast(S, x[xi + k5]).fma(e, a5);
            a6 = FloatVector.broadcast(S, x[xi + k6]).fma(e, a6);
            a7 = FloatVector.broadcast(S, x[xi + k7]).fma(e, a7);
            xi += colStep;
            if (++ox == s.ow) {
                ox = 0;
                row += rowStep;
                if (++oy == s.oh) {
                    oy = 0;
                    row += s.sampleStride() - s.oh * rowStep;
                }
                xi = row;
            }
        }
        a0.intoArray(gw, g);
        a1.intoArray(gw, g + cout);
        a2.intoArray(gw, g + 2 * cout);
        a3.intoArray(gw, g + 3 * cout);
        a4.intoArray(gw, g + 4 * cout);
        a5.intoArray(gw, g + 5 * cout);
        a6.intoArray(gw, g + 6 * cout);
        a7.intoArray(gw, g + 7 * cout);
    }

    /** One vector of input channels for 8 pixels at one window position: 8 chains over {@code co}. */
    private static void inTile8x1(float[] dy, int d0, int cout, float[] wt, int r, int cin, float[] dx, int i0,
                                  int i1, int i2, int i3, int i4, int i5, int i6, int i7) {
        FloatVector a0 = FloatVector.fromArray(S, dx, i0);
        FloatVector a1 = FloatVector.fromArray(S, dx, i1);
        FloatVector a2 = FloatVector.fromArray(S, dx, i2);
        FloatVector a3 = FloatVector.fromArray(S, dx, i3);
        FloatVector a4 = FloatVector.fromArray(S, dx, i4);
        FloatVector a5 = FloatVector.fromArray(S, dx, i5);
        FloatVector a6 = FloatVector.fromArray(S, dx, i6);
        FloatVector a7 = FloatVector.fromArray(S, dx, i7);
        for (int co = 0, wi = r; co < cout; co++, wi += cin) {
            FloatVector w0 = FloatVector.fromArray(S, wt, wi);
            a0 = FloatVector.broadcast(S, dy[d0 + co]).fma(w0, a0);
            a1 = FloatVector.broadcast(S, dy[d0 + cout + co]).fma(w0, a1);
            a2 = FloatVector.broadcast(S, dy[d0 + 2 * cout + co]).fma(w0, a2);
            a3 = FloatVector.broadcast(S, dy[d0 + 3 * cout + co]).fma(w0, a3);
            a4 = FloatVector.broadcast(S, dy[d0 + 4 * cout + co]).fma(w0, a4);
            a5 = FloatVector.broadcast(S, dy[d0 + 5 * cout + co]).fma(w0, a5);
            a6 = FloatVector.broadcast(S, dy[d0 + 6 * cout + co]).fma(w0, a6);
            a7 = FloatVector.broadcast(S, dy[d0 + 7 * cout + co]).fma(w0, a7);
        }
        a0.intoArray(dx, i0);
        a1.intoArray(dx, i1);
        a2.intoArray(dx, i2);
        a3.intoArray(dx, i3);
        a4.intoArray(dx, i4);
        a5.intoArray(dx, i5);
        a6.intoArray(dx, i6);
        a7.intoArray(dx, i7);
    }
}
