package it.valid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the class the plugin generated from src/main/cnn/tiny.cnn. */
class TinyTest {

    private static float[] ramp() {
        float[] x = new float[8 * 8];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 8) / 8f - (i / 8) / 16f;
        }
        return x;
    }

    @Test
    void shapesAndParametersAreTheModelsCountedByHand() {
        assertEquals(8, Tiny.INPUT_HEIGHT);
        assertEquals(8, Tiny.INPUT_WIDTH);
        assertEquals(1, Tiny.INPUT_CHANNELS);
        assertEquals(3, Tiny.OUTPUT_SIZE);
        // conv 3*3*1*4 + 4 = 40, dense 36*3 + 3 = 111
        assertEquals(151, Tiny.PARAMETER_COUNT);
    }

    @Test
    void predictGivesAProbabilityPerClass() {
        float[] y = Tiny.init(42).predict(ramp());
        assertEquals(3, y.length);
        float sum = 0;
        for (float p : y) {
            assertTrue(p > 0 && p < 1, "softmax output " + p + " is not a probability");
            sum += p;
        }
        assertEquals(1f, sum, 1e-5f);
    }

    @Test
    void savedWeightsLoadBackToTheSamePredictions(@TempDir Path dir) throws Exception {
        Tiny model = Tiny.init(7);
        Path weights = dir.resolve("tiny.npz");
        model.save(weights);
        assertArrayEquals(model.predict(ramp()), Tiny.load(weights).predict(ramp()));
    }
}
