package cnn.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {

    // Four samples of three classes, predicted 1, 0, 2, 1 against the labels 1, 0, 1, 2.
    private static final float[] OUTPUTS = {
        0.1f, 0.7f, 0.2f,
        0.6f, 0.3f, 0.1f,
        0.2f, 0.2f, 0.6f,
        0.4f, 0.5f, 0.1f,
    };
    private static final int[] LABELS = {1, 0, 1, 2};

    @Test
    void accuracyCountsAcrossBatches() {
        Accuracy acc = new Accuracy(3);
        assertTrue(Double.isNaN(acc.value()));
        acc.add(OUTPUTS, LABELS, 4);
        assertEquals(2, acc.correct());
        acc.add(new float[] {0, 0, 1}, new int[] {2}, 1);
        assertEquals(3, acc.correct());
        assertEquals(5, acc.total());
        assertEquals(0.6, acc.value(), 1e-15);
        acc.reset();
        assertEquals(0, acc.total());
        assertThrows(IllegalArgumentException.class, () -> acc.add(new float[5], new int[2], 2));
    }

    @Test
    void argmaxTakesTheFirstOfEqualMaxima() {
        assertEquals(1, Accuracy.argmax(new float[] {9, 1, 3, 3, 2}, 1, 4));
        assertEquals(0, Accuracy.argmax(new float[] {2, 2}, 0, 2));
    }

    @Test
    void confusionMatrixRowsAreTruthColumnsPredictions() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        m.add(OUTPUTS, LABELS, 4);
        assertEquals(1, m.count(1, 1));
        assertEquals(1, m.count(0, 0));
        assertEquals(1, m.count(1, 2));
        assertEquals(1, m.count(2, 1));
        assertEquals(4, m.total());
        assertEquals(0.5, m.accuracy());
        assertEquals(0.5, m.recall(1));      // of two true 1s, one predicted 1
        assertEquals(0.5, m.precision(1));   // of two predicted 1s, one is a 1
        assertEquals(0.0, m.recall(2));
        assertEquals(0.0, m.precision(2));
        assertEquals(1.0, m.precision(0));
        assertEquals("""
                true\\predicted              0              1              2
                             0              1              0              0
                             1              0              1              1
                             2              0              1              0
                """, m.render(null));
        String named = new ConfusionMatrix(2).render(List.of("cat", "dog"));
        assertTrue(named.startsWith("true\\predicted"), named);
        assertThrows(IllegalArgumentException.class, () -> m.add(3, 0));
        assertThrows(IllegalArgumentException.class, () -> m.render(List.of("a")));
        assertTrue(Double.isNaN(new ConfusionMatrix(2).recall(0)));
    }

    @Test
    void runningMeanWeighsBatchesBySize() {
        RunningMean mean = new RunningMean();
        assertTrue(Double.isNaN(mean.mean()));
        mean.add(2.0, 64);
        mean.add(5.0, 16);
        assertEquals((2.0 * 64 + 5.0 * 16) / 80, mean.mean(), 1e-15);
        assertEquals(2, mean.count());
        mean.add(1.0);
        assertEquals((2.0 * 64 + 5.0 * 16 + 1) / 81, mean.mean(), 1e-15);
        mean.reset();
        assertEquals(0, mean.count());
        assertThrows(IllegalArgumentException.class, () -> mean.add(1, -1));
    }
}
