package cnn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.examples.generated.LeNet5;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Uses the class cnn-maven-plugin generated from src/main/cnn/lenet5.cnn in this build. */
class GeneratedLeNet5Test {

    @Test
    void hasThePublishedParameterCount() {
        // 156 + 2,416 + 48,120 + 10,164 + 850: the 61,706 parameters usually quoted for LeNet-5.
        assertEquals(61_706, LeNet5.PARAMETER_COUNT);
        assertEquals(32, LeNet5.INPUT_HEIGHT);
        assertEquals(32, LeNet5.INPUT_WIDTH);
        assertEquals(1, LeNet5.INPUT_CHANNELS);
        assertEquals(10, LeNet5.OUTPUT_SIZE);
    }

    @Test
    void classifiesABatchIntoProbabilities() {
        int n = 3;
        float[] batch = new float[n * 32 * 32];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = (float) Math.sin(i * 0.37);
        }
        float[] out = new float[n * 10];
        LeNet5 model = LeNet5.init(5);
        model.predict(batch, n, out);
        for (int s = 0; s < n; s++) {
            float sum = 0;
            for (int k = 0; k < 10; k++) {
                float p = out[s * 10 + k];
                assertTrue(p > 0 && p < 1);
                sum += p;
            }
            assertEquals(1f, sum, 1e-5f, "sample " + s);
            // The batch call agrees with one-sample predict.
            float[] one = model.predict(Arrays.copyOfRange(batch, s * 1024, (s + 1) * 1024));
            for (int k = 0; k < 10; k++) {
                assertEquals(one[k], out[s * 10 + k], 1e-6f);
            }
        }
    }
}
