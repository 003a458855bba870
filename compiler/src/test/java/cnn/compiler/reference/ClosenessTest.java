package cnn.compiler.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The comparison the PyTorch fixtures are judged by must itself be right. */
class ClosenessTest {

    private static final int[] FLAT4 = {4};

    @Test
    void equalArraysMatch() {
        float[] a = {0f, -1.5f, 3e6f, 1e-30f};
        assertTrue(Closeness.compare(a, a.clone(), FLAT4, 1e-4).isEmpty());
    }

    @Test
    void smallValuesAreJudgedAbsolutely() {
        // |b| < 1: the allowance is 1e-4 itself, so 0.00009 off passes and 0.00011 off fails.
        assertTrue(Closeness.compare(new float[] {0.00009f}, new float[] {0f}, new int[] {1}, 1e-4).isEmpty());
        assertEquals(1, Closeness.compare(new float[] {0.00011f}, new float[] {0f}, new int[] {1}, 1e-4)
                .orElseThrow().count());
    }

    @Test
    void largeValuesAreJudgedRelatively() {
        // |b| = 1000: the allowance is 0.1.
        assertTrue(Closeness.compare(new float[] {1000.09f}, new float[] {1000f}, new int[] {1}, 1e-4).isEmpty());
        assertEquals(1, Closeness.compare(new float[] {1000.2f}, new float[] {1000f}, new int[] {1}, 1e-4)
                .orElseThrow().count());
    }

    @Test
    void nanNeverMatches() {
        assertEquals(1, Closeness.compare(new float[] {Float.NaN}, new float[] {1f}, new int[] {1}, 1e-4)
                .orElseThrow().count());
    }

    @Test
    void reportsTheWorstElementWithItsIndex() {
        int[] shape = {2, 1, 2, 3};
        float[] expected = new float[12];
        float[] actual = new float[12];
        actual[4] = 0.01f;  // [0, 0, 1, 1]
        actual[9] = 0.5f;   // [1, 0, 1, 0], the worst
        Closeness.Mismatch m = Closeness.compare(actual, expected, shape, 1e-4).orElseThrow();
        assertEquals(2, m.count());
        assertEquals(12, m.total());
        assertArrayEquals(new int[] {1, 0, 1, 0}, m.index());
        assertEquals(0.5f, m.actual());
    }
}
