package cnn.runtime.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InitializerTest {

    /** Tolerances are 5 standard errors of the estimate: a false failure is about 1 in 1.7 million. */
    private static final double Z = 5;

    @Test
    void fansFollowPyTorch() {
        // torch.nn.init._calculate_fan_in_and_fan_out: fan_in = size(1) * receptive, fan_out = size(0) * receptive
        assertEquals(6 * 5 * 5, Initializer.fanIn(new int[] {16, 6, 5, 5}));
        assertEquals(16 * 5 * 5, Initializer.fanOut(new int[] {16, 6, 5, 5}));
        assertEquals(400, Initializer.fanIn(new int[] {120, 400}));
        assertEquals(120, Initializer.fanOut(new int[] {120, 400}));
        assertEquals(9, Initializer.fanIn(new int[] {32, 1, 3, 3})); // depthwise [C·M, 1, kh, kw]
        assertThrows(IllegalArgumentException.class, () -> Initializer.fanIn(new int[] {10}));
    }

    @Test
    void heIsNormalWithStdSqrtTwoOverFanIn() {
        int[] shape = {256, 64, 3, 3}; // fan_in 576, 147456 values
        float[] w = Initializer.weight(Scheme.HE, 42, "conv_3.weight", shape);
        double std = Math.sqrt(2.0 / 576);
        int n = w.length;
        double mean = mean(w);
        double sd = std(w, mean);
        assertEquals(0, mean, Z * std / Math.sqrt(n));
        assertEquals(std, sd, Z * std / Math.sqrt(2.0 * n)); // standard error of a normal sample's std
        // Shape of the distribution: fraction within one std is 68.27% for a normal.
        long within = 0;
        for (float v : w) {
            within += Math.abs(v) <= std ? 1 : 0;
        }
        double p = 0.682689;
        assertEquals(p, within / (double) n, Z * Math.sqrt(p * (1 - p) / n));
    }

    @Test
    void xavierIsUniformWithinTheGlorotLimit() {
        int[] shape = {300, 500}; // fan_in 500, fan_out 300
        float[] w = Initializer.weight(Scheme.XAVIER, 7, "dense_1.weight", shape);
        double limit = Math.sqrt(6.0 / 800);
        int n = w.length;
        double mean = mean(w);
        double sd = std(w, mean);
        double std = limit / Math.sqrt(3); // std of U(-a, a)
        assertEquals(0, mean, Z * std / Math.sqrt(n));
        // Var of the sample variance of U(-a,a): (mu4 - sigma^4) / n with mu4 = a^4 / 5.
        double seVar = Math.sqrt((Math.pow(limit, 4) / 5 - Math.pow(std, 4)) / n);
        assertEquals(std * std, sd * sd, Z * seVar);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (float v : w) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertTrue(min >= -limit && max <= limit, min + " " + max);
        assertTrue(min < -0.999 * limit && max > 0.999 * limit, min + " " + max); // reaches both ends
    }

    @Test
    void sameSeedAndNameGiveTheSameValuesWhateverElseIsInitialised() {
        float[] a = Initializer.weight(Scheme.HE, 1, "conv_2.weight", new int[] {16, 6, 5, 5});
        Initializer.weight(Scheme.HE, 1, "conv_1.weight", new int[] {6, 1, 5, 5}); // a layer added before
        float[] b = Initializer.weight(Scheme.HE, 1, "conv_2.weight", new int[] {16, 6, 5, 5});
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, Initializer.weight(Scheme.HE, 2, "conv_2.weight", new int[] {16, 6, 5, 5})));
    }

    @Test
    void streamsOfDifferentNamesAndSeedsAreUncorrelated() {
        int[] shape = {100, 1000};
        float[] a = Initializer.weight(Scheme.HE, 3, "conv_1.weight", shape);
        float[] b = Initializer.weight(Scheme.HE, 3, "conv_2.weight", shape);
        float[] c = Initializer.weight(Scheme.HE, 4, "conv_1.weight", shape);
        double bound = Z / Math.sqrt(a.length); // std error of the correlation of independent samples
        assertEquals(0, correlation(a, b), bound);
        assertEquals(0, correlation(a, c), bound);
        // Also shifted by one: a stream is not another one offset.
        assertEquals(0, correlation(Arrays.copyOf(a, a.length - 1), Arrays.copyOfRange(b, 1, b.length)), bound);
    }

    @Test
    void tensorsOtherThanWeightsFollowTheConventions() {
        assertArrayEquals(new float[4], Initializer.tensor(Scheme.HE, 1, "conv_1.bias", new int[] {4}));
        assertArrayEquals(new float[] {1, 1}, Initializer.tensor(Scheme.HE, 1, "bn_1.weight", new int[] {2}));
        assertArrayEquals(new float[2], Initializer.tensor(Scheme.HE, 1, "bn_1.running_mean", new int[] {2}));
        assertArrayEquals(new float[] {1, 1}, Initializer.tensor(Scheme.HE, 1, "bn_1.running_var", new int[] {2}));
        assertArrayEquals(new float[6], Initializer.tensor(Scheme.ZEROS, 1, "dense_1.weight", new int[] {2, 3}));
        assertArrayEquals(Initializer.weight(Scheme.XAVIER, 1, "dense_1.weight", new int[] {2, 3}),
                Initializer.tensor(Scheme.XAVIER, 1, "dense_1.weight", new int[] {2, 3}));
    }

    static double mean(float[] w) {
        double s = 0;
        for (float v : w) {
            s += v;
        }
        return s / w.length;
    }

    static double std(float[] w, double mean) {
        double s = 0;
        for (float v : w) {
            s += (v - mean) * (v - mean);
        }
        return Math.sqrt(s / (w.length - 1));
    }

    static double correlation(float[] a, float[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
