package cnn.runtime.kernels;

import jdk.incubator.vector.FloatVector;
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
    public void conv(float[] x, ConvShape s, float[] w, float[] b, float[] out, int pFrom, int pTo) {
        int cout = s.cout;
        for (int p = pFrom; p < pTo; p++) {
            System.arraycopy(b, 0, out, p * cout, cout);
        }
        int nt = s.taps.length;
        for (int pb = pFrom; pb < pTo; pb += BLOCK_PIXELS) {
            int pe = Math.min(pTo, pb + BLOCK_PIXELS);
            int co = 0;
            for (; co + 4 * L <= cout; co += 4 * L) {
                for (int t0 = 0; t0 < nt; t0 += CHUNK_TAPS) {
                    int t1 = Math.min(nt, t0 + CHUNK_TAPS);
                    int p = pb;
                    for (; p + 4 <= pe; p += 4) {
                        tile4x4(x, start(s, p), start(s, p + 1), start(s, p + 2), start(s, p + 3), s.taps, t0, t1, w,
                                co, cout, out, p * cout);
                    }
                    for (; p < pe; p++) {
                        tile1x4(x, start(s, p), s.taps, t0, t1, w, co, cout, out, p * cout);
                    }
                }
            }
            for (; co + L <= cout; co += L) {
                for (int t0 = 0; t0 < nt; t0 += CHUNK_TAPS) {
                    int t1 = Math.min(nt, t0 + CHUNK_TAPS);
                    int p = pb;
                    for (; p + 4 <= pe; p += 4) {
                        tile4x1(x, start(s, p), start(s, p + 1), start(s, p + 2), start(s, p + 3), s.taps, t0, t1, w,
                                co, cout, out, p * cout);
                    }
                    for (; p < pe; p++) {
                        tile1x1(x, start(s, p), s.taps, t0, t1, w, co, cout, out, p * cout);
                    }
                }
            }
            if (co < cout && cout >= L) {
                // the last L channels, all taps from the bias: the lanes below co get the very values
                // the blocks above left there, so writing them again changes nothing
                int c0 = cout - L;
                int p = pb;
                for (; p + 4 <= pe; p += 4) {
                    tile4x1FromBias(x, start(s, p), start(s, p + 1), start(s, p + 2), start(s, p + 3), s.taps, w, b,
                            c0, cout, out, p * cout);
                }
                for (; p < pe; p++) {
                    tile1x1FromBias(x, start(s, p), s.taps, w, b, c0, cout, out, p * cout);
                }
            } else if (co < cout) {
                for (int p = pb; p < pe; p++) {
                    convTail(x, start(s, p), s.taps, w, co, cout, out, p * cout);
                }
            }
        }
        finish(s, out, pFrom, pTo);
    }

    private static int start(ConvShape s, int p) {
        return s.windowStart(p / s.ow, p % s.ow);
    }

    /** Taps {@code [t0, t1)} of 4 pixels × 4 vectors of channels, added into {@code out}. */
    private static void tile4x4(float[] x, int x0, int x1, int x2, int x3, int[] taps, int t0, int t1, float[] w,
                                int co, int cout, float[] out, int o) {
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
        int wi = t0 * cout + co;
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
                                int co, int cout, float[] out, int o) {
        int i = o + co;
        FloatVector a0 = FloatVector.fromArray(S, out, i);
        FloatVector a1 = FloatVector.fromArray(S, out, i + cout);
        FloatVector a2 = FloatVector.fromArray(S, out, i + 2 * cout);
        FloatVector a3 = FloatVector.fromArray(S, out, i + 3 * cout);
        int wi = t0 * cout + co;
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

    private static void tile1x4(float[] x, int x0, int[] taps, int t0, int t1, float[] w, int co, int cout,
                                float[] out, int o) {
        int i = o + co;
        FloatVector a0 = FloatVector.fromArray(S, out, i);
        FloatVector a1 = FloatVector.fromArray(S, out, i + L);
        FloatVector a2 = FloatVector.fromArray(S, out, i + 2 * L);
        FloatVector a3 = FloatVector.fromArray(S, out, i + 3 * L);
        int wi = t0 * cout + co;
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

    private static void tile1x1(float[] x, int x0, int[] taps, int t0, int t1, float[] w, int co, int cout,
                                float[] out, int o) {
        FloatVector a0 = FloatVector.fromArray(S, out, o + co);
        int wi = t0 * cout + co;
        for (int t = t0; t < t1; t++, wi += cout) {
            a0 = FloatVector.broadcast(S, x[x0 + taps[t]]).fma(FloatVector.fromArray(S, w, wi), a0);
        }
        a0.intoArray(out, o + co);
    }

    /** One vector of channels for 4 pixels over every tap, starting from the bias. */
    private static void tile4x1FromBias(float[] x, int x0, int x1, int x2, int x3, int[] taps, float[] w, float[] b,
                                        int co, int cout, float[] out, int o) {
        FloatVector a0 = FloatVector.fromArray(S, b, co);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        int wi = co;
        for (int t = 0; t < taps.length; t++, wi += cout) {
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

    private static void tile1x1FromBias(float[] x, int x0, int[] taps, float[] w, float[] b, int co, int cout,
                                        float[] out, int o) {
        FloatVector a0 = FloatVector.fromArray(S, b, co);
        int wi = co;
        for (int t = 0; t < taps.length; t++, wi += cout) {
            a0 = FloatVector.broadcast(S, x[x0 + taps[t]]).fma(FloatVector.fromArray(S, w, wi), a0);
        }
        a0.intoArray(out, o + co);
    }

    /**
     * The last {@code cout − co < L} channels of one pixel, scalar in the vector lanes' order: on
     * JDK 17 masked loads are not compiled to vector instructions and would box.
     */
    private static void convTail(float[] x, int x0, int[] taps, float[] w, int co, int cout, float[] out, int o) {
        for (int c = co; c < cout; c += 8) {
            convTail8(x, x0, taps, w, c, Math.min(8, cout - c), cout, out, o);
        }
    }

    /** Up to 8 channels {@code [c, c + n)} of one pixel in scalar registers (LeNet's 6-channel first layer). */
    private static void convTail8(float[] x, int x0, int[] taps, float[] w, int c, int n, int cout, float[] out,
                                  int o) {
        int i = o + c;
        float s0 = out[i];
        float s1 = n > 1 ? out[i + 1] : 0f;
        float s2 = n > 2 ? out[i + 2] : 0f;
        float s3 = n > 3 ? out[i + 3] : 0f;
        float s4 = n > 4 ? out[i + 4] : 0f;
        float s5 = n > 5 ? out[i + 5] : 0f;
        float s6 = n > 6 ? out[i + 6] : 0f;
        float s7 = n > 7 ? out[i + 7] : 0f;
        int r = c;
        for (int t = 0; t < taps.length; t++, r += cout) {
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
        out[i] = s0;
        if (n > 1) {
            out[i + 1] = s1;
        }
        if (n > 2) {
            out[i + 2] = s2;
        }
        if (n > 3) {
            out[i + 3] = s3;
        }
        if (n > 4) {
            out[i + 4] = s4;
        }
        if (n > 5) {
            out[i + 5] = s5;
        }
        if (n > 6) {
            out[i + 6] = s6;
        }
        if (n > 7) {
            out[i + 7] = s7;
        }
    }

    @Override
    public void depthwise(float[] x, ConvShape s, float[] w, float[] b, float[] out, int pFrom, int pTo) {
        int c = s.cout;
        int[] taps = s.pixelTaps;
        for (int p = pFrom; p < pTo; p++) {
            int x0 = start(s, p);
            int o = p * c;
            int k = 0;
            for (; k + 4 * L <= c; k += 4 * L) {
                depthwise4(x, x0, taps, w, b, k, c, out, o);
            }
            for (; k + L <= c; k += L) {
                depthwise1(x, x0, taps, w, b, k, c, out, o);
            }
            if (k < c && c >= L) {
                // the last L channels again: the overlap is written with the values it already holds
                depthwise1(x, x0, taps, w, b, c - L, c, out, o);
            } else if (k < c) {
                System.arraycopy(b, k, out, o + k, c - k);
                for (int t = 0; t < taps.length; t++) {
                    int i = x0 + taps[t];
                    int r = t * c;
                    for (int j = k; j < c; j++) {
                        out[o + j] = Math.fma(x[i + j], w[r + j], out[o + j]);
                    }
                }
            }
        }
        finish(s, out, pFrom, pTo);
    }

    private static void depthwise4(float[] x, int x0, int[] taps, float[] w, float[] b, int k, int c, float[] out,
                                   int o) {
        FloatVector a0 = FloatVector.fromArray(S, b, k);
        FloatVector a1 = FloatVector.fromArray(S, b, k + L);
        FloatVector a2 = FloatVector.fromArray(S, b, k + 2 * L);
        FloatVector a3 = FloatVector.fromArray(S, b, k + 3 * L);
        int wi = k;
        for (int t = 0; t < taps.length; t++, wi += c) {
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

    private static void depthwise1(float[] x, int x0, int[] taps, float[] w, float[] b, int k, int c, float[] out,
                                   int o) {
        FloatVector a0 = FloatVector.fromArray(S, b, k);
        int wi = k;
        for (int t = 0; t < taps.length; t++, wi += c) {
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
}
