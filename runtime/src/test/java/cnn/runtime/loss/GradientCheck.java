package cnn.runtime.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

/**
 * Central finite differences of a loss evaluated in double precision, against its analytic
 * gradient. The step is taken in float (the outputs are float), so the difference is divided
 * by the step that really happened after rounding.
 */
final class GradientCheck {

    /** Evaluates a loss at {@code output}, writing its gradient when {@code grad} is not null. */
    interface Evaluation {
        double at(float[] output, float[] grad);
    }

    private static final double H = 1e-3;

    private GradientCheck() {
    }

    static void check(Loss loss, float[] output, float[] target, int n) {
        check((o, g) -> loss.loss(o, target, n, g), output);
    }

    /** @return how many gradient entries were not zero, so tests can tell a check did something */
    static int check(Evaluation f, float[] output) {
        float[] grad = new float[output.length];
        double value = f.at(output.clone(), grad);
        assertTrue(Double.isFinite(value), "loss is finite");
        assertEquals(value, f.at(output.clone(), null), 0, "evaluating without a gradient gives the same loss");
        int nonZero = 0;
        for (int i = 0; i < output.length; i++) {
            float x = output[i];
            float up = (float) (x + H);
            float down = (float) (x - H);
            float[] probe = output.clone();
            probe[i] = up;
            double fUp = f.at(probe, null);
            probe[i] = down;
            double fDown = f.at(probe, null);
            double numeric = (fUp - fDown) / ((double) up - down);
            assertEquals(numeric, grad[i], 2e-6 + 2e-5 * Math.abs(numeric), "d loss / d output[" + i + "]");
            if (grad[i] != 0) {
                nonZero++;
            }
        }
        return nonZero;
    }

    static float[] randomArray(Random random, int length, double scale) {
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = (float) (random.nextGaussian() * scale);
        }
        return out;
    }
}
