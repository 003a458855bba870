package cnn.runtime.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HeadOutputsTest {

    @Test
    void logisticLocalizationReadsSigmoidAndSoftmax() {
        // Pc logit ln 4 → 0.8; class logits [0, ln 3, 0] → softmax [0.2, 0.6, 0.2]
        float[] out = {9, (float) Math.log(4), 0.5f, 0.25f, 0.3f, 0.4f, 0, (float) Math.log(3), 0};
        HeadOutputs.Localization l = HeadOutputs.localization(out, 1, 3, true);
        assertEquals(0.8, l.presence(), 1e-7);
        assertEquals(0.5, l.bx(), 1e-7);
        assertEquals(0.4, l.bw(), 1e-7);
        assertEquals(1, l.classId());
        assertEquals(0.6, l.classProbability(), 1e-7);
    }

    @Test
    void squaredLocalizationTakesValuesAsTheyAre() {
        float[] out = {1, 0, 0, 100, 100, 0, 1, 0};
        HeadOutputs.Localization l = HeadOutputs.localization(out, 0, 3, false);
        assertEquals(1, l.presence());
        assertEquals(100, l.bh());
        assertEquals(1, l.classId());
        assertEquals(1, l.classProbability());
    }

    @Test
    void landmarks() {
        HeadOutputs.Landmarks l = HeadOutputs.landmarks(new float[] {0, 1, 2, 3, 4}, 0, 2, true);
        assertEquals(0.5, l.presence());
        assertArrayEquals(new double[] {1, 2, 3, 4}, l.points());
        assertThrows(IllegalArgumentException.class, () -> HeadOutputs.landmarks(new float[4], 0, 2, true));
    }
}
