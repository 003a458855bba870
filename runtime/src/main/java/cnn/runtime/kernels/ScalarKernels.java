package cnn.runtime.kernels;

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

    @Override
    public void conv(float[] x, ConvShape s, float[] w, float[] b, float[] out, int pFrom, int pTo) {
        int cout = s.cout;
        int[] taps = s.taps;
        for (int p = pFrom; p < pTo; p++) {
            int base = s.windowStart(p / s.ow, p % s.ow);
            int o = p * cout;
            System.arraycopy(b, 0, out, o, cout);
            for (int t = 0; t < taps.length; t++) {
                float a = x[base + taps[t]];
                int r = t * cout;
                for (int co = 0; co < cout; co++) {
                    out[o + co] = Math.fma(a, w[r + co], out[o + co]);
                }
            }
        }
        finish(s, out, pFrom, pTo);
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
                int r = t * c;
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
