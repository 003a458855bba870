package cnn.compiler.testing;

/**
 * Naive reference implementations for one sample, written independently of the generator:
 * channels-first ({@code [c][h][w]}), double precision, plain loops straight from the
 * definitions. Padding is given as (top, bottom, left, right).
 */
public final class Reference {

    private Reference() {
    }

    /** NHWC floats of one sample to {@code [c][h][w]}. */
    public static double[][][] chw(float[] hwc, int h, int w, int c) {
        double[][][] x = new double[c][h][w];
        for (int y = 0; y < h; y++) {
            for (int xx = 0; xx < w; xx++) {
                for (int ch = 0; ch < c; ch++) {
                    x[ch][y][xx] = hwc[(y * w + xx) * c + ch];
                }
            }
        }
        return x;
    }

    /** {@code [c][h][w]} back to NHWC order (also the flatten order). */
    public static double[] hwc(double[][][] x) {
        int c = x.length;
        int h = x[0].length;
        int w = x[0][0].length;
        double[] out = new double[c * h * w];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int xx = 0; xx < w; xx++) {
                    out[(y * w + xx) * c + ch] = x[ch][y][xx];
                }
            }
        }
        return out;
    }

    /**
     * Cross-correlation as every framework computes "convolution". {@code weight} is
     * {@code [out][in/groups][kh][kw]} flattened; {@code bias} may be null.
     */
    public static double[][][] conv(double[][][] x, float[] weight, float[] bias, int out, int kh, int kw, int sh,
                                    int sw, int dh, int dw, int[] pad, int groups) {
        int cin = x.length;
        int h = x[0].length;
        int w = x[0][0].length;
        int oh = (h + pad[0] + pad[1] - (dh * (kh - 1) + 1)) / sh + 1;
        int ow = (w + pad[2] + pad[3] - (dw * (kw - 1) + 1)) / sw + 1;
        int cinG = cin / groups;
        int outG = out / groups;
        double[][][] y = new double[out][oh][ow];
        for (int o = 0; o < out; o++) {
            int g = o / outG;
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double s = bias == null ? 0 : bias[o];
                    for (int ci = 0; ci < cinG; ci++) {
                        for (int ky = 0; ky < kh; ky++) {
                            for (int kx = 0; kx < kw; kx++) {
                                int iy = oy * sh - pad[0] + ky * dh;
                                int ix = ox * sw - pad[2] + kx * dw;
                                if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                    s += x[g * cinG + ci][iy][ix] * weight[((o * cinG + ci) * kh + ky) * kw + kx];
                                }
                            }
                        }
                    }
                    y[o][oy][ox] = s;
                }
            }
        }
        return y;
    }

    /** Depthwise: output channel {@code o} filters input channel {@code o / multiplier}; weight {@code [C·M][1][kh][kw]}. */
    public static double[][][] depthwise(double[][][] x, float[] weight, float[] bias, int multiplier, int kh, int kw,
                                         int sh, int sw, int dh, int dw, int[] pad) {
        return conv(x, weight, bias, x.length * multiplier, kh, kw, sh, sw, dh, dw, pad, x.length);
    }

    public static double[][][] maxPool(double[][][] x, int kh, int kw, int sh, int sw, int[] pad) {
        return pool(x, kh, kw, sh, sw, pad, true);
    }

    /** Average over the real pixels under the window only (padding is not counted). */
    public static double[][][] avgPool(double[][][] x, int kh, int kw, int sh, int sw, int[] pad) {
        return pool(x, kh, kw, sh, sw, pad, false);
    }

    private static double[][][] pool(double[][][] x, int kh, int kw, int sh, int sw, int[] pad, boolean max) {
        int c = x.length;
        int h = x[0].length;
        int w = x[0][0].length;
        int oh = (h + pad[0] + pad[1] - kh) / sh + 1;
        int ow = (w + pad[2] + pad[3] - kw) / sw + 1;
        double[][][] y = new double[c][oh][ow];
        for (int ch = 0; ch < c; ch++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double best = Double.NEGATIVE_INFINITY;
                    double sum = 0;
                    int n = 0;
                    for (int ky = 0; ky < kh; ky++) {
                        for (int kx = 0; kx < kw; kx++) {
                            int iy = oy * sh - pad[0] + ky;
                            int ix = ox * sw - pad[2] + kx;
                            if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                best = Math.max(best, x[ch][iy][ix]);
                                sum += x[ch][iy][ix];
                                n++;
                            }
                        }
                    }
                    y[ch][oy][ox] = max ? best : sum / n;
                }
            }
        }
        return y;
    }

    public static double[] globalPool(double[][][] x, boolean max) {
        double[] y = new double[x.length];
        for (int ch = 0; ch < x.length; ch++) {
            double best = Double.NEGATIVE_INFINITY;
            double sum = 0;
            int n = 0;
            for (double[] row : x[ch]) {
                for (double v : row) {
                    best = Math.max(best, v);
                    sum += v;
                    n++;
                }
            }
            y[ch] = max ? best : sum / n;
        }
        return y;
    }

    /** {@code y = W x + b} with {@code W} as {@code [out][in]}. */
    public static double[] dense(double[] x, float[] weight, float[] bias, int out) {
        double[] y = new double[out];
        for (int o = 0; o < out; o++) {
            double s = bias == null ? 0 : bias[o];
            for (int i = 0; i < x.length; i++) {
                s += weight[o * x.length + i] * x[i];
            }
            y[o] = s;
        }
        return y;
    }

    public static double[][][] batchNorm(double[][][] x, float[] gamma, float[] beta, float[] mean, float[] var,
                                         double eps) {
        int c = x.length;
        double[][][] y = new double[c][x[0].length][x[0][0].length];
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < x[0].length; i++) {
                for (int j = 0; j < x[0][0].length; j++) {
                    y[ch][i][j] = (x[ch][i][j] - mean[ch]) / Math.sqrt(var[ch] + eps) * gamma[ch] + beta[ch];
                }
            }
        }
        return y;
    }

    public static double[][][] upsample(double[][][] x, int f) {
        int c = x.length;
        int h = x[0].length;
        int w = x[0][0].length;
        double[][][] y = new double[c][h * f][w * f];
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < h * f; i++) {
                for (int j = 0; j < w * f; j++) {
                    y[ch][i][j] = x[ch][i / f][j / f];
                }
            }
        }
        return y;
    }

    public static double[][][] zeroPad(double[][][] x, int[] pad) {
        int c = x.length;
        int h = x[0].length;
        int w = x[0][0].length;
        double[][][] y = new double[c][h + pad[0] + pad[1]][w + pad[2] + pad[3]];
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    y[ch][i + pad[0]][j + pad[2]] = x[ch][i][j];
                }
            }
        }
        return y;
    }

    /** Concatenation along channels, the first axis here. */
    public static double[][][] concat(double[][][]... xs) {
        int c = 0;
        for (double[][][] x : xs) {
            c += x.length;
        }
        double[][][] y = new double[c][][];
        int k = 0;
        for (double[][][] x : xs) {
            for (double[][] plane : x) {
                y[k++] = plane;
            }
        }
        return y;
    }

    public static double[][][] add(double[][][] a, double[][][] b) {
        double[][][] y = new double[a.length][a[0].length][a[0][0].length];
        for (int ch = 0; ch < a.length; ch++) {
            for (int i = 0; i < a[0].length; i++) {
                for (int j = 0; j < a[0][0].length; j++) {
                    y[ch][i][j] = a[ch][i][j] + b[ch][i][j];
                }
            }
        }
        return y;
    }

    /** One value through an element-wise activation. */
    public static double activate(String kind, double v, double alpha) {
        switch (kind) {
            case "relu":
                return Math.max(0, v);
            case "relu6":
                return Math.min(6, Math.max(0, v));
            case "leaky":
                return v >= 0 ? v : alpha * v;
            case "sigmoid":
                return 1 / (1 + Math.exp(-v));
            case "tanh":
                return Math.tanh(v);
            case "swish":
                return v / (1 + Math.exp(-v));
            case "linear":
                return v;
            default:
                throw new IllegalArgumentException(kind);
        }
    }

    public static double[][][] activate(String kind, double[][][] x, double alpha) {
        if (kind.equals("softmax")) {
            return softmaxChannels(x);
        }
        double[][][] y = new double[x.length][x[0].length][x[0][0].length];
        for (int ch = 0; ch < x.length; ch++) {
            for (int i = 0; i < x[0].length; i++) {
                for (int j = 0; j < x[0][0].length; j++) {
                    y[ch][i][j] = activate(kind, x[ch][i][j], alpha);
                }
            }
        }
        return y;
    }

    /** Softmax over the channels of each pixel (the last axis in NHWC). */
    public static double[][][] softmaxChannels(double[][][] x) {
        int c = x.length;
        double[][][] y = new double[c][x[0].length][x[0][0].length];
        for (int i = 0; i < x[0].length; i++) {
            for (int j = 0; j < x[0][0].length; j++) {
                double sum = 0;
                for (int ch = 0; ch < c; ch++) {
                    sum += Math.exp(x[ch][i][j]);
                }
                for (int ch = 0; ch < c; ch++) {
                    y[ch][i][j] = Math.exp(x[ch][i][j]) / sum;
                }
            }
        }
        return y;
    }

    public static double[] softmax(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += Math.exp(v);
        }
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.exp(x[i]) / sum;
        }
        return y;
    }

    /** A vector as a 1x1 feature map of that many channels. */
    public static double[][][] vectorAsMap(double[] v) {
        double[][][] x = new double[v.length][1][1];
        for (int i = 0; i < v.length; i++) {
            x[i][0][0] = v[i];
        }
        return x;
    }

    public static float[] random(java.util.Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /** |a − b| ≤ tol·max(1, |b|) for every element, with the first difference in the message. */
    public static void assertClose(double[] expected, float[] actual, double tol) {
        if (expected.length != actual.length) {
            throw new AssertionError("length " + actual.length + ", expected " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            if (!(err <= tol * Math.max(1, Math.abs(expected[i])))) {
                throw new AssertionError("element " + i + ": got " + actual[i] + ", expected " + expected[i]
                        + " (error " + err + ")");
            }
        }
    }
}
