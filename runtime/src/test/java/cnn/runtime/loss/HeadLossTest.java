package cnn.runtime.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The localize and landmarks heads: hand-worked values, which terms count, finite differences. */
class HeadLossTest {

    private final Random random = new Random(5);

    // [Pc, bx, by, bh, bw, c1, c2, c3]: the notes' example target has a car (class 2 of 3).
    private static final float[] CAR = {1, 0.5f, 0.7f, 0.3f, 0.4f, 0, 1, 0};
    private static final float[] NOTHING = {0, 0.9f, 0.9f, 0.9f, 0.9f, 1, 0, 0};
    private static final float[] PREDICTED = {0.8f, 0.4f, 0.7f, 0.5f, 0.4f, 0.1f, 0.6f, 0.3f};

    @Test
    void squaredLocalizationCountsEveryTermWhenPresent() {
        LocalizationLoss loss = new LocalizationLoss(3, HeadLossStyle.SQUARED);
        float[] grad = new float[8];
        // 0.2² + 0.1² + 0 + 0.2² + 0 + 0.1² + 0.4² + 0.3² = 0.04 + 0.01 + 0.04 + 0.01 + 0.16 + 0.09
        assertEquals(0.35, loss.loss(PREDICTED, CAR, 1, grad), 1e-7);
        assertArrayEquals(new float[] {-0.4f, -0.2f, 0, 0.4f, 0, 0.2f, -0.8f, 0.6f}, grad, 1e-6f);
    }

    @Test
    void squaredLocalizationCountsOnlyPcWhenAbsent() {
        LocalizationLoss loss = new LocalizationLoss(3, HeadLossStyle.SQUARED);
        float[] grad = new float[8];
        assertEquals(0.64, loss.loss(PREDICTED, NOTHING, 1, grad), 1e-7);
        assertArrayEquals(new float[] {1.6f, 0, 0, 0, 0, 0, 0, 0}, grad, 1e-6f);
    }

    @Test
    void logisticLocalizationUsesBceOnPcAndCrossEntropyOnClasses() {
        LocalizationLoss loss = new LocalizationLoss(3);
        float[] output = {0, 0.4f, 0.7f, 0.5f, 0.4f, 0, 0, 0};
        float[] both = new float[16];
        System.arraycopy(output, 0, both, 0, 8);
        System.arraycopy(output, 0, both, 8, 8);
        float[] targets = new float[16];
        System.arraycopy(CAR, 0, targets, 0, 8);
        System.arraycopy(NOTHING, 0, targets, 8, 8);
        float[] grad = new float[16];
        // present: ln 2 (Pc logit 0) + 0.01 + 0.04 (box) + ln 3 (equal class logits); absent: ln 2.
        double expected = (Math.log(2) + 0.05 + Math.log(3) + Math.log(2)) / 2;
        assertEquals(expected, loss.loss(both, targets, 2, grad), 1e-7);
        assertArrayEquals(new float[] {-0.25f, -0.1f, 0, 0.2f, 0, 1 / 6f, -1 / 3f, 1 / 6f,
                0.25f, 0, 0, 0, 0, 0, 0, 0}, grad, 1e-6f);
    }

    @Test
    void localizationGradientsMatchFiniteDifferences() {
        int n = 4;
        float[] targets = new float[n * 8];
        for (int s = 0; s < n; s++) {
            float[] t = s % 2 == 0 ? CAR : NOTHING;
            System.arraycopy(t, 0, targets, s * 8, 8);
        }
        for (HeadLossStyle style : HeadLossStyle.values()) {
            LocalizationLoss loss = new LocalizationLoss(3, style);
            float[] output = GradientCheck.randomArray(random, n * 8, 1);
            int counted = GradientCheck.check((o, g) -> loss.loss(o, targets, n, g), output);
            assertEquals(2 * 8 + 2, counted, style + ": present samples count 8 terms, absent ones only Pc");
        }
    }

    @Test
    void landmarksCountCoordinatesOnlyWhenPresent() {
        LandmarksLoss squared = new LandmarksLoss(2, HeadLossStyle.SQUARED);
        float[] output = {0.9f, 10, 20, 30, 40, 0.3f, 1, 2, 3, 4};
        float[] target = {1, 11, 20, 30, 38, 0, 5, 5, 5, 5};
        float[] grad = new float[10];
        // present: 0.1² + 1² + 0 + 0 + 2²; absent: 0.3²
        assertEquals((0.01 + 1 + 4 + 0.09) / 2, squared.loss(output, target, 2, grad), 1e-6);
        assertArrayEquals(new float[] {-0.1f, -1, 0, 0, 2, 0.3f, 0, 0, 0, 0}, grad, 1e-6f);

        int n = 3;
        float[] targets = new float[n * 5];
        for (int s = 0; s < n; s++) {
            targets[s * 5] = s == 1 ? 0 : 1;
            for (int k = 1; k < 5; k++) {
                targets[s * 5 + k] = random.nextFloat();
            }
        }
        for (HeadLossStyle style : HeadLossStyle.values()) {
            LandmarksLoss loss = new LandmarksLoss(2, style);
            float[] out = GradientCheck.randomArray(random, n * 5, 1);
            int counted = GradientCheck.check((o, g) -> loss.loss(o, targets, n, g), out);
            assertEquals(5 + 1 + 5, counted, style + ": the absent sample's coordinates get no gradient");
        }
    }
}
