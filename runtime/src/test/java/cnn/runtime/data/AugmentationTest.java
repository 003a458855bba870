package cnn.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.runtime.init.Rng;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Hand-worked 3x3 images, numbered 1..9 row by row. */
class AugmentationTest {

    private static float[] grid() {
        return new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9};
    }

    @Test
    void flipsMirrorRowsAndColumns() {
        float[] a = grid();
        Augmentation.flipHorizontal(a, 0, 3, 3, 1);
        assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4, 9, 8, 7}, a);
        float[] b = grid();
        Augmentation.flipVertical(b, 0, 3, 3, 1);
        assertArrayEquals(new float[] {7, 8, 9, 4, 5, 6, 1, 2, 3}, b);
        // Two channels, 1 x 2 pixels, at an offset: pixels swap, channels stay in order.
        float[] c = {-1, 10, 11, 20, 21};
        Augmentation.flipHorizontal(c, 1, 1, 2, 2);
        assertArrayEquals(new float[] {-1, 20, 21, 10, 11}, c);
    }

    @Test
    void rotationTurnsCounterClockwiseLikeNumpyRot90() {
        float[] scratch = new float[9];
        float[] a = grid();
        Augmentation.rotate(a, 0, 3, 3, 1, 90, scratch);
        assertArrayEquals(new float[] {3, 6, 9, 2, 5, 8, 1, 4, 7}, a); // numpy.rot90 of the grid
        float[] b = grid();
        Augmentation.rotate(b, 0, 3, 3, 1, 180, scratch);
        assertArrayEquals(new float[] {9, 8, 7, 6, 5, 4, 3, 2, 1}, b);
        float[] c = grid();
        Augmentation.rotate(c, 0, 3, 3, 1, -90, scratch);
        assertArrayEquals(new float[] {7, 4, 1, 8, 5, 2, 9, 6, 3}, c); // numpy.rot90(grid, -1)
    }

    @Test
    void rotationByFortyFiveDegreesTakesTheNearestSourcePixel() {
        // Worked by hand: output (x, y) takes source (round(1 + ox·c − oy·s), round(1 + ox·s + oy·c)),
        // c = s = 0.7071, (ox, oy) = (x − 1, y − 1); e.g. (0, 0) -> (1, round(−0.414)) = (1, 0), value 2.
        float[] a = grid();
        Augmentation.rotate(a, 0, 3, 3, 1, 45, new float[9]);
        assertArrayEquals(new float[] {2, 3, 6, 1, 5, 9, 4, 7, 8}, a);
    }

    @Test
    void rotationFillsUncoveredPixelsWithZero() {
        // A 1 x 3 strip turned 90 degrees: the end pixels come from rows -1 and 1, outside the image.
        float[] strip = {1, 2, 3};
        Augmentation.rotate(strip, 0, 1, 3, 1, 90, new float[3]);
        assertArrayEquals(new float[] {0, 2, 0}, strip);
    }

    @Test
    void cropShiftsWithZeroPadding() {
        float[] a = grid();
        Augmentation.shift(a, 0, 3, 3, 1, 1, -1, new float[9]); // down 1, left 1
        assertArrayEquals(new float[] {0, 0, 0, 2, 3, 0, 5, 6, 0}, a);
    }

    @Test
    void randomCropStaysWithinThePadding() {
        Rng rng = new Rng(3);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            float[] a = grid();
            new Augmentation.Crop(1).apply(a, 0, 3, 3, 1, rng, new float[9]);
            assertTrue(a[4] != 0, "a shift of at most 1 keeps the centre pixel inside the image");
            seen.add(java.util.Arrays.toString(a));
        }
        assertEquals(9, seen.size()); // all (dy, dx) in {-1, 0, 1}^2 occur
    }

    @Test
    void brightnessScalesByAFactorInRange() {
        Rng rng = new Rng(9);
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (int i = 0; i < 2000; i++) {
            float[] a = grid();
            new Augmentation.Brightness(0.2).apply(a, 0, 3, 3, 1, rng, new float[9]);
            float factor = a[0];
            for (int k = 0; k < 9; k++) {
                assertEquals((k + 1) * factor, a[k], 1e-5);
            }
            lo = Math.min(lo, factor);
            hi = Math.max(hi, factor);
        }
        assertTrue(lo >= 0.8 && lo < 0.81 && hi <= 1.2 && hi > 1.19, lo + " " + hi);
    }

    @Test
    void randomFlipHappensAboutHalfTheTime() {
        Rng rng = new Rng(1);
        int flipped = 0;
        int n = 10000;
        for (int i = 0; i < n; i++) {
            float[] a = grid();
            new Augmentation.Flip(true, false).apply(a, 0, 3, 3, 1, rng, null);
            flipped += a[0] == 3 ? 1 : 0;
        }
        assertEquals(0.5, flipped / (double) n, 5 * Math.sqrt(0.25 / n));
    }
}
