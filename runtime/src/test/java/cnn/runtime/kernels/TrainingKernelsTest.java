package cnn.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The training kernels (forward over a batch, weight and input gradients) against the definitions
 * written as direct loops with double sums over a batch of samples, and the Vector API
 * implementation against the plain-Java one bit for bit.
 */
class TrainingKernelsTest {

    private static final Kernels VECTOR = Kernels.get();
    private static final Kernels SCALAR = Kernels.scalar();
    private static final int SAMPLES = 3;

    @ParameterizedTest(name = "{0}x{1}x{2} -> {3} k{4}x{5} s{6} d{7} pad {8},{9},{10},{11}")
    @CsvSource({
        // h, w, cin, cout, kh, kw, stride, dilation, top, bottom, left, right
        "9, 11, 3, 64, 3, 3, 1, 1, 1, 1, 1, 1",
        "8, 8, 70, 130, 3, 3, 2, 1, 0, 1, 0, 1",
        "12, 12, 1, 6, 5, 5, 1, 1, 2, 2, 2, 2",
        "14, 14, 6, 16, 5, 5, 1, 1, 0, 0, 0, 0",
        "7, 7, 16, 16, 1, 1, 1, 1, 0, 0, 0, 0",
        "6, 9, 70, 200, 1, 1, 2, 1, 0, 0, 0, 0",
        "10, 10, 4, 33, 3, 3, 1, 2, 2, 2, 2, 2",
        "11, 13, 3, 20, 7, 7, 2, 1, 3, 3, 3, 3",
        "1, 1, 400, 120, 1, 1, 1, 1, 0, 0, 0, 0",
        "1, 1, 84, 10, 1, 1, 1, 1, 0, 0, 0, 0",
        "3, 3, 64, 64, 3, 3, 1, 1, 1, 1, 1, 1",
        // window positions that read only padding: all but the centre, all but 4, a 1-channel input
        "1, 1, 64, 80, 3, 3, 1, 1, 1, 1, 1, 1",
        "2, 2, 20, 32, 3, 3, 2, 1, 1, 1, 1, 1",
        "1, 3, 1, 6, 3, 3, 1, 1, 1, 1, 1, 1",
        "2, 2, 5, 18, 5, 5, 1, 1, 2, 2, 2, 2",
    })
    void forwardAndGradientsMatchTheDefinitions(int h, int w, int cin, int cout, int kh, int kw, int stride,
                                                int dilation, int top, int bottom, int left, int right) {
        int oh = (h + top + bottom - dilation * (kh - 1) - 1) / stride + 1;
        int ow = (w + left + right - dilation * (kw - 1) - 1) / stride + 1;
        ConvShape s = new ConvShape(h, w, cin, oh, ow, cout, kh, kw, stride, stride, dilation, dilation, top, left,
                Activations.LINEAR, 0f);
        Random r = new Random(h * 31 + cout * 7 + cin);
        int in = h * w * cin;
        int out = oh * ow * cout;
        int pixels = oh * ow;
        float[] x = random(r, SAMPLES * in);
        // weights and bias at offsets inside one flat array, as a trainer keeps them
        int wOff = 5;
        int nw = kh * kw * cin * cout;
        float[] p = random(r, wOff + nw + cout + 2);
        int bOff = wOff + nw;
        float[] dy = random(r, SAMPLES * out + 4);
        int dyOff = 4;

        // the definitions
        double[] y = new double[SAMPLES * out];
        double[] gw = new double[nw];
        double[] gb = new double[cout];
        double[] dx = new double[SAMPLES * in];
        for (int n = 0; n < SAMPLES; n++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    int o = n * out + (oy * ow + ox) * cout;
                    for (int co = 0; co < cout; co++) {
                        double g = dy[dyOff + o + co];
                        double sum = p[bOff + co];
                        gb[co] += g;
                        for (int ky = 0; ky < kh; ky++) {
                            for (int kx = 0; kx < kw; kx++) {
                                int iy = oy * stride - top + ky * dilation;
                                int ix = ox * stride - left + kx * dilation;
                                if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                                    continue;
                                }
                                for (int ci = 0; ci < cin; ci++) {
                                    int xi = n * in + (iy * w + ix) * cin + ci;
                                    int wi = ((ky * kw + kx) * cin + ci) * cout + co;
                                    sum += (double) x[xi] * p[wOff + wi];
                                    gw[wi] += x[xi] * g;
                                    dx[xi] += p[wOff + wi] * g;
                                }
                            }
                        }
                        y[o + co] = sum;
                    }
                }
            }
        }

        // the inputs as the kernels read them: a batch of padded copies
        int stride1 = s.sampleStride();
        float[] xp = new float[2 + SAMPLES * stride1];
        for (int n = 0; n < SAMPLES; n++) {
            if (s.padded()) {
                float[] one = new float[s.paddedSize()];
                s.pad(Arrays.copyOfRange(x, n * in, (n + 1) * in), one);
                System.arraycopy(one, 0, xp, 2 + n * stride1, stride1);
            } else {
                System.arraycopy(x, n * in, xp, 2 + n * stride1, in);
            }
        }
        float[] wt = new float[nw];
        Packing.transposeTaps(p, wOff, kh * kw, cin, cout, wt);

        float[][] ys = new float[2][];
        float[][] gws = new float[2][];
        float[][] dxs = new float[2][];
        Kernels[] both = {VECTOR, SCALAR};
        for (int k = 0; k < 2; k++) {
            Kernels kern = both[k];
            float[] yk = new float[3 + SAMPLES * out];
            // the batch in two calls that split a sample: the values may not depend on the split
            int cut = pixels + pixels / 2 + 1;
            kern.convForward(xp, 2, s, p, wOff, p, bOff, yk, 3, 0, cut);
            kern.convForward(xp, 2, s, p, wOff, p, bOff, yk, 3, cut, SAMPLES * pixels);
            float[] whole = new float[3 + SAMPLES * out];
            kern.convForward(xp, 2, s, p, wOff, p, bOff, whole, 3, 0, SAMPLES * pixels);
            assertArrayEquals(whole, yk, "a split batch gives the same outputs");
            ys[k] = yk;

            float[] g = new float[1 + nw + cout];
            Arrays.fill(g, 0.25f);
            kern.convWeightGradient(xp, 2, s, dy, dyOff, g, 1, 1 + nw, 0, cut);
            kern.convWeightGradient(xp, 2, s, dy, dyOff, g, 1, 1 + nw, cut, SAMPLES * pixels);
            gws[k] = g;

            float[] d = new float[1 + SAMPLES * stride1];
            kern.convInputGradient(dy, dyOff, s, wt, 0, d, 1, 0, SAMPLES * pixels);
            dxs[k] = d;
        }
        assertArrayEquals(ys[1], ys[0], "vector and plain forward, bit for bit");
        assertArrayEquals(gws[1], gws[0], "vector and plain weight gradients, bit for bit");
        assertArrayEquals(dxs[1], dxs[0], "vector and plain input gradients, bit for bit");

        for (int i = 0; i < y.length; i++) {
            close(y[i], ys[0][3 + i], "output " + i);
        }
        for (int i = 0; i < nw; i++) {
            close(gw[i] + 0.25, gws[0][1 + i], "weight gradient " + i);
        }
        for (int i = 0; i < cout; i++) {
            close(gb[i] + 0.25, gws[0][1 + nw + i], "bias gradient " + i);
        }
        int hp = s.hp;
        int wp = s.wp;
        for (int n = 0; n < SAMPLES; n++) {
            for (int iy = 0; iy < hp; iy++) {
                for (int ix = 0; ix < wp; ix++) {
                    for (int ci = 0; ci < cin; ci++) {
                        float got = dxs[0][1 + n * stride1 + (iy * wp + ix) * cin + ci];
                        int y0 = iy - (s.padded() ? top : 0);
                        int x0 = ix - (s.padded() ? left : 0);
                        if (y0 >= 0 && y0 < h && x0 >= 0 && x0 < w) {
                            close(dx[n * in + (y0 * w + x0) * cin + ci], got, "input gradient " + n + "," + y0 + ","
                                    + x0 + "," + ci);
                        }
                    }
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void reluBackwardZeroesTheGradientWhereTheUnitIsOff() {
        Random r = new Random(5);
        float[] y = random(r, 203);
        y[7] = 0f;
        y[8] = Float.NaN;
        y[9] = -0f;
        float[] dy = random(r, 203);
        float[] a = dy.clone();
        float[] b = dy.clone();
        VECTOR.reluBackward(y, a, 3, 200);
        SCALAR.reluBackward(y, b, 3, 200);
        assertArrayEquals(b, a);
        for (int i = 0; i < 203; i++) {
            float expected = i >= 3 && i < 200 && !(y[i] > 0) ? 0f : dy[i];
            assertTrue(Float.compare(expected, a[i]) == 0, "value " + i);
        }
    }

    private static void close(double expected, float got, String what) {
        assertTrue(Math.abs(expected - got) <= 1e-4 * Math.max(1, Math.abs(expected)),
                what + ": expected " + expected + ", got " + got);
    }

    private static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextGaussian());
        }
        return a;
    }
}
