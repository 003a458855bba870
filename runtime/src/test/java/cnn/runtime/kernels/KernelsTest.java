package cnn.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Both kernel implementations against a direct convolution written from the definition (bounds
 * checks instead of a padded copy, double accumulators), and against each other bit for bit.
 */
class KernelsTest {

    private static final Kernels VECTOR = Kernels.get();
    private static final Kernels SCALAR = Kernels.scalar();

    @Test
    void theVectorKernelsRunInTheseTests() {
        // Surefire starts this module's tests with --add-modules jdk.incubator.vector
        assertTrue(VECTOR.name().startsWith("vector"), VECTOR.name());
        assertEquals("scalar", SCALAR.name());
    }

    @ParameterizedTest(name = "{0}x{1}x{2} -> {3} k{4}x{5} s{6} d{7} pad {8},{9},{10},{11} act {12}")
    @CsvSource({
        // h, w, cin, cout, kh, kw, stride, dilation, top, bottom, left, right, activation
        "9, 11, 3, 64, 3, 3, 1, 1, 1, 1, 1, 1, 1",
        "8, 8, 8, 130, 3, 3, 2, 1, 0, 1, 0, 1, 2",
        "12, 10, 5, 6, 5, 5, 1, 1, 2, 2, 2, 2, 0",
        "7, 7, 16, 16, 1, 1, 1, 1, 0, 0, 0, 0, 1",
        "6, 9, 70, 200, 1, 1, 1, 1, 0, 0, 0, 0, 0",
        "10, 10, 4, 33, 3, 3, 1, 2, 2, 2, 2, 2, 3",
        "11, 13, 3, 20, 7, 7, 2, 1, 3, 3, 3, 3, 7",
        "5, 5, 2, 1, 2, 3, 3, 1, 0, 0, 0, 0, 4",
        "1, 1, 40, 90, 1, 1, 1, 1, 0, 0, 0, 0, 6",
        // window positions that read only padding, which the kernels skip
        "1, 1, 40, 90, 3, 3, 1, 1, 1, 1, 1, 1, 1",
        "2, 2, 20, 6, 3, 3, 2, 1, 1, 1, 1, 1, 0",
        // 720 taps and 144 pixels: several chunks of taps and blocks of pixels
        "12, 12, 80, 80, 3, 3, 1, 1, 1, 1, 1, 1, 1",
    })
    void convolutionMatchesTheDefinition(int h, int w, int cin, int cout, int kh, int kw, int stride, int dilation,
                                         int top, int bottom, int left, int right, int act) {
        int oh = (h + top + bottom - dilation * (kh - 1) - 1) / stride + 1;
        int ow = (w + left + right - dilation * (kw - 1) - 1) / stride + 1;
        ConvShape s = new ConvShape(h, w, cin, oh, ow, cout, kh, kw, stride, stride, dilation, dilation, top, left,
                act, 0.1f);
        Random r = new Random(h * 31 + cout);
        float[] x = random(r, h * w * cin);
        float[] wt = random(r, kh * kw * cin * cout);
        float[] b = random(r, cout);
        double[] expected = new double[oh * ow * cout];
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                for (int co = 0; co < cout; co++) {
                    double sum = b[co];
                    for (int ky = 0; ky < kh; ky++) {
                        for (int kx = 0; kx < kw; kx++) {
                            int iy = oy * stride - top + ky * dilation;
                            int ix = ox * stride - left + kx * dilation;
                            if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                                continue;
                            }
                            for (int ci = 0; ci < cin; ci++) {
                                sum += (double) x[(iy * w + ix) * cin + ci] * wt[((ky * kw + kx) * cin + ci) * cout + co];
                            }
                        }
                    }
                    expected[(oy * ow + ox) * cout + co] = sum;
                }
            }
        }
        activate(expected, act, cout);
        float[] in = s.padded() ? new float[s.paddedSize()] : x;
        if (s.padded()) {
            java.util.Arrays.fill(in, Float.NaN); // pad must overwrite every value the kernel reads
            s.pad(x, in);
        }
        float[] v = new float[expected.length];
        float[] sc = new float[expected.length];
        // in two pieces, as two threads would run them
        int split = oh * ow / 3;
        VECTOR.conv(in, s, wt, b, v, 0, split);
        VECTOR.conv(in, s, wt, b, v, split, oh * ow);
        SCALAR.conv(in, s, wt, b, sc, 0, oh * ow);
        assertArrayEquals(sc, v, 0f, "vector and scalar kernels differ");
        assertClose(expected, v);
    }

    @ParameterizedTest(name = "{0}x{1}x{2} k{3} s{4} pad {5}")
    @CsvSource({"10, 10, 32, 3, 1, 1", "9, 8, 144, 3, 2, 1", "7, 7, 70, 5, 1, 2", "6, 6, 5, 3, 2, 0"})
    void depthwiseMatchesTheDefinition(int h, int w, int c, int k, int stride, int pad) {
        int oh = (h + 2 * pad - k) / stride + 1;
        int ow = (w + 2 * pad - k) / stride + 1;
        ConvShape s = new ConvShape(h, w, c, oh, ow, c, k, k, stride, stride, 1, 1, pad, pad, Activations.RELU6, 0f);
        Random r = new Random(c);
        float[] x = random(r, h * w * c);
        float[] wt = random(r, k * k * c);
        float[] b = random(r, c);
        double[] expected = new double[oh * ow * c];
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                for (int ch = 0; ch < c; ch++) {
                    double sum = b[ch];
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0; kx < k; kx++) {
                            int iy = oy * stride - pad + ky;
                            int ix = ox * stride - pad + kx;
                            if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                sum += (double) x[(iy * w + ix) * c + ch] * wt[(ky * k + kx) * c + ch];
                            }
                        }
                    }
                    expected[(oy * ow + ox) * c + ch] = sum;
                }
            }
        }
        activate(expected, Activations.RELU6, c);
        float[] in = x;
        if (s.padded()) {
            in = new float[s.paddedSize()];
            s.pad(x, in);
        }
        float[] v = new float[expected.length];
        float[] sc = new float[expected.length];
        VECTOR.depthwise(in, s, wt, b, v, 0, oh * ow);
        SCALAR.depthwise(in, s, wt, b, sc, 0, oh * ow);
        assertArrayEquals(sc, v, 0f);
        assertClose(expected, v);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"400, 120", "84, 10", "512, 1000", "7, 3"})
    void denseMatchesTheDefinition(int in, int units) {
        Random r = new Random(in);
        float[] x = random(r, in);
        float[] wt = random(r, in * units);
        float[] b = random(r, units);
        double[] expected = new double[units];
        for (int u = 0; u < units; u++) {
            double sum = b[u];
            for (int i = 0; i < in; i++) {
                sum += (double) x[i] * wt[i * units + u];
            }
            expected[u] = Math.max(sum, 0);
        }
        float[] v = new float[units];
        float[] sc = new float[units];
        VECTOR.dense(x, in, wt, b, v, units, 0, units / 2, Activations.RELU, 0f);
        VECTOR.dense(x, in, wt, b, v, units, units / 2, units, Activations.RELU, 0f);
        SCALAR.dense(x, in, wt, b, sc, units, 0, units, Activations.RELU, 0f);
        assertArrayEquals(sc, v, 0f);
        assertClose(expected, v);
    }

    @Test
    void kernelsAllocateNothing() {
        ConvShape s = new ConvShape(16, 16, 32, 16, 16, 64, 3, 3, 1, 1, 1, 1, 1, 1, Activations.RELU, 0f);
        float[] xp = new float[s.paddedSize()];
        float[] x = random(new Random(1), 16 * 16 * 32);
        float[] wt = random(new Random(2), 9 * 32 * 64);
        float[] b = new float[64];
        float[] out = new float[16 * 16 * 64];
        com.sun.management.ThreadMXBean bean =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int i = 0; i < 3000; i++) {
            s.pad(x, xp);
            VECTOR.conv(xp, s, wt, b, out, 0, 256);
        }
        long before = bean.getThreadAllocatedBytes(id);
        for (int i = 0; i < 200; i++) {
            s.pad(x, xp);
            VECTOR.conv(xp, s, wt, b, out, 0, 256);
        }
        long allocated = bean.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated < 1000, "allocated " + allocated + " bytes over 200 calls");
    }

    private static void activate(double[] y, int act, int channels) {
        for (int p = 0; p < y.length / channels; p++) {
            if (act == Activations.SOFTMAX) {
                double max = Double.NEGATIVE_INFINITY;
                double sum = 0;
                for (int c = 0; c < channels; c++) {
                    max = Math.max(max, y[p * channels + c]);
                }
                for (int c = 0; c < channels; c++) {
                    sum += Math.exp(y[p * channels + c] - max);
                }
                for (int c = 0; c < channels; c++) {
                    y[p * channels + c] = Math.exp(y[p * channels + c] - max) / sum;
                }
                continue;
            }
            for (int c = 0; c < channels; c++) {
                double v = y[p * channels + c];
                y[p * channels + c] = switch (act) {
                    case Activations.RELU -> Math.max(v, 0);
                    case Activations.RELU6 -> Math.min(Math.max(v, 0), 6);
                    case Activations.LEAKY -> v > 0 ? v : 0.1 * v;
                    case Activations.SIGMOID -> 1 / (1 + Math.exp(-v));
                    case Activations.TANH -> Math.tanh(v);
                    case Activations.SWISH -> v / (1 + Math.exp(-v));
                    default -> v;
                };
            }
        }
    }

    private static void assertClose(double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            double tol = 1e-4 * Math.max(1, Math.abs(expected[i]));
            assertTrue(Math.abs(expected[i] - actual[i]) <= tol, "at " + i + ": expected " + expected[i] + ", got "
                    + actual[i]);
        }
    }

    private static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }
}
