package cnn.runtime.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ClassificationLossTest {

    private final Random random = new Random(11);

    @Test
    void crossEntropyOfEqualLogitsIsLogOfTheClassCount() {
        float[] grad = new float[3];
        double loss = new SoftmaxCrossEntropy(3).loss(new float[] {2, 2, 2}, new int[] {1}, 1, grad);
        assertEquals(Math.log(3), loss, 1e-15);
        assertArrayEquals(new float[] {1f / 3, 1f / 3 - 1, 1f / 3}, grad, 1e-7f);
    }

    @Test
    void crossEntropyStaysFiniteForHugeLogits() {
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy(3);
        float[] grad = new float[3];
        float[] logits = {1000, 0, -1000};
        assertEquals(0, ce.loss(logits, new int[] {0}, 1, grad), 0);
        assertEquals(2000, ce.loss(logits, new int[] {2}, 1, grad), 0);
        assertArrayEquals(new float[] {1, 0, -1}, grad, 0);
    }

    @Test
    void crossEntropyGradientsMatchFiniteDifferences() {
        int n = 4;
        int classes = 5;
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy(classes);
        float[] logits = GradientCheck.randomArray(random, n * classes, 2);
        int[] labels = {0, 4, 2, 2};
        assertEquals(n * classes, GradientCheck.check((o, g) -> ce.loss(o, labels, n, g), logits));

        float[] soft = new float[n * classes];
        for (int i = 0; i < soft.length; i++) {
            soft[i] = random.nextFloat();
        }
        GradientCheck.check(ce, logits, soft, n);
    }

    @Test
    void oneHotTargetsGiveTheSameAsLabels() {
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy(3);
        float[] logits = GradientCheck.randomArray(random, 6, 3);
        float[] fromLabels = new float[6];
        float[] fromOneHot = new float[6];
        double a = ce.loss(logits, new int[] {2, 0}, 2, fromLabels);
        double b = ce.loss(logits, new float[] {0, 0, 1, 1, 0, 0}, 2, fromOneHot);
        assertEquals(a, b, 1e-12);
        assertArrayEquals(fromLabels, fromOneHot, 1e-7f);
    }

    @Test
    void badLabelsAndShortArraysAreNamed() {
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy(10);
        var label = assertThrows(IllegalArgumentException.class,
                () -> ce.loss(new float[20], new int[] {3, 10}, 2, null));
        assertEquals("cross-entropy: sample 1 has label 10, outside the classes 0..9", label.getMessage());
        var shortOutput = assertThrows(IllegalArgumentException.class,
                () -> ce.loss(new float[15], new int[] {3, 1}, 2, null));
        assertEquals("cross-entropy: output has 15 values, but 2 samples of 10 need 20", shortOutput.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ce.loss(new float[20], new int[] {3}, 2, null));
        assertThrows(IllegalArgumentException.class, () -> new SoftmaxCrossEntropy(0));
    }

    @Test
    void bceIsStableAndMatchesFiniteDifferences() {
        BinaryCrossEntropy bce = new BinaryCrossEntropy(2);
        float[] grad = new float[2];
        // log(1 + e^100) − 0 = 100 to double precision; log(1 + e^−100) ≈ e^−100.
        double loss = bce.loss(new float[] {100, -100}, new float[] {0, 0}, 1, grad);
        assertEquals((100 + Math.exp(-100)) / 2, loss, 1e-12);
        assertArrayEquals(new float[] {0.5f, (float) (Math.exp(-100) / 2)}, grad, 1e-30f);

        int n = 3;
        BinaryCrossEntropy wide = new BinaryCrossEntropy(4);
        float[] x = GradientCheck.randomArray(random, n * 4, 3);
        float[] t = new float[n * 4];
        for (int i = 0; i < t.length; i++) {
            t[i] = i % 3 == 0 ? 1 : random.nextFloat();
        }
        assertEquals(n * 4, GradientCheck.check((o, g) -> wide.loss(o, t, n, g), x));
        var ex = assertThrows(IllegalArgumentException.class,
                () -> bce.loss(new float[] {0, 0}, new float[] {0, 1.5f}, 1, null));
        assertEquals("bce: sample 0 has target 1.5 at index 1, outside [0, 1]", ex.getMessage());
    }

    @Test
    void mseAveragesOverEveryValueAndMatchesFiniteDifferences() {
        MeanSquaredError mse = new MeanSquaredError(2);
        float[] grad = new float[4];
        double loss = mse.loss(new float[] {1, 2, 3, 4}, new float[] {0, 0, 0, 0}, 2, grad);
        assertEquals((1 + 4 + 9 + 16) / 4.0, loss, 1e-15);
        assertArrayEquals(new float[] {0.5f, 1, 1.5f, 2}, grad, 0);

        MeanSquaredError wide = new MeanSquaredError(6);
        float[] y = GradientCheck.randomArray(random, 18, 1);
        float[] t = GradientCheck.randomArray(random, 18, 1);
        assertTrue(GradientCheck.check((o, g) -> wide.loss(o, t, 3, g), y) == 18);
    }
}
