package cnn.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PackingTest {

    /** w[o][i][y][x] = 1000·o + 100·i + 10·y + x lands at p[y][x][i][o]. */
    @Test
    void convWeightsMoveOutputChannelsLast() {
        int out = 3;
        int in = 2;
        int kh = 2;
        int kw = 4;
        float[] w = new float[out * in * kh * kw];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        w[((o * in + i) * kh + y) * kw + x] = 1000 * o + 100 * i + 10 * y + x;
                    }
                }
            }
        }
        float[] p = Packing.outputChannelsLast(w, out, in, kh, kw);
        assertEquals(2000 + 100 + 10 + 3, p[((1 * kw + 3) * in + 1) * out + 2]);
        assertEquals(0, p[0]);
        assertEquals(1000, p[1]);
        assertArrayEquals(w, Packing.outputChannelsFirst(p, out, in, kh, kw));
    }

    @Test
    void denseIsATranspose() {
        float[] w = {1, 2, 3, 4, 5, 6}; // [2][3]
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, Packing.outputChannelsLast(w, 2, 3, 1, 1));
    }

    /** bn(w·x + b) for x = 1 equals the folded layer's w'·1 + b'. */
    @Test
    void foldingMatchesNormalisingAfterwards() {
        float[] gamma = {2, 0.5f};
        float[] beta = {1, -1};
        float[] mean = {3, 0};
        float[] var = {4, 0.25f};
        float[][] affine = BatchNorms.affine(gamma, beta, mean, var, 0);
        float[] w = {10, 20, 30, 40}; // [in=2][out=2], out fastest
        float[] b = {5, 6};
        float[] folded = BatchNorms.fold(w, b, affine);
        // channel 0: pre-activation 10 + 30 + 5 = 45 → (45 − 3) / 2 · 2 + 1 = 43
        // channel 1: 20 + 40 + 6 = 66 → (66 − 0) / 0.5 · 0.5 − 1 = 65
        assertEquals(43, w[0] + w[2] + folded[0], 1e-4);
        assertEquals(65, w[1] + w[3] + folded[1], 1e-4);
        float[] noBias = BatchNorms.fold(new float[] {1, 1}, null, affine);
        assertEquals(1 - 3, noBias[0], 1e-6);
    }

    @Test
    void softmaxIsStableAndSumsToOne() {
        float[] a = {0, 1000, 1000, 999};
        Activations.softmax(a, 1, 3);
        assertEquals(0, a[0]);
        assertEquals(1.0, a[1] + a[2] + a[3], 1e-6);
        assertEquals(a[1], a[2]);
        assertEquals(Math.exp(-1) * a[1], a[3], 1e-6);
    }
}
