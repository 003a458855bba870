package cnn.runtime.data;

import cnn.runtime.init.Rng;

/**
 * One random image transformation of a {@code train { augment … }} list (SPEC §1.5), applied to
 * an HWC float image in place. Each draws what it needs from the given {@link Rng}, so a seeded
 * stream gives the same augmented images every run. The geometric ones fill uncovered pixels
 * with 0, like torchvision's defaults.
 */
public sealed interface Augmentation {

    /** Transforms {@code img[off … off + h·w·c)} in place; {@code scratch} holds at least h·w·c floats. */
    void apply(float[] img, int off, int h, int w, int c, Rng rng, float[] scratch);

    /** Whether it moves pixels (so positions in float targets would no longer match). */
    default boolean geometric() {
        return true;
    }

    /** Mirrors left-right (and/or top-bottom), each with probability 1/2. */
    record Flip(boolean horizontal, boolean vertical) implements Augmentation {
        @Override
        public void apply(float[] img, int off, int h, int w, int c, Rng rng, float[] scratch) {
            if (horizontal && rng.nextBoolean()) {
                flipHorizontal(img, off, h, w, c);
            }
            if (vertical && rng.nextBoolean()) {
                flipVertical(img, off, h, w, c);
            }
        }
    }

    /** Rotates about the centre by an angle drawn uniformly from [−degrees, degrees], nearest neighbour. */
    record Rotate(double degrees) implements Augmentation {
        @Override
        public void apply(float[] img, int off, int h, int w, int c, Rng rng, float[] scratch) {
            rotate(img, off, h, w, c, rng.uniform(-degrees, degrees), scratch);
        }
    }

    /** Pads by {@code pixels} zeros on every side and crops back to the original size at a random offset. */
    record Crop(int pixels) implements Augmentation {
        @Override
        public void apply(float[] img, int off, int h, int w, int c, Rng rng, float[] scratch) {
            int dy = rng.nextInt(2 * pixels + 1) - pixels;
            int dx = rng.nextInt(2 * pixels + 1) - pixels;
            shift(img, off, h, w, c, dy, dx, scratch);
        }
    }

    /** Multiplies every value by a factor drawn uniformly from [1 − delta, 1 + delta] (torchvision's brightness). */
    record Brightness(double delta) implements Augmentation {
        @Override
        public void apply(float[] img, int off, int h, int w, int c, Rng rng, float[] scratch) {
            scale(img, off, h * w * c, (float) rng.uniform(1 - delta, 1 + delta));
        }

        @Override
        public boolean geometric() {
            return false;
        }
    }

    static void flipHorizontal(float[] img, int off, int h, int w, int c) {
        for (int y = 0; y < h; y++) {
            int row = off + y * w * c;
            for (int x = 0; x < w / 2; x++) {
                int a = row + x * c;
                int b = row + (w - 1 - x) * c;
                for (int k = 0; k < c; k++) {
                    float t = img[a + k];
                    img[a + k] = img[b + k];
                    img[b + k] = t;
                }
            }
        }
    }

    static void flipVertical(float[] img, int off, int h, int w, int c) {
        int rowLength = w * c;
        for (int y = 0; y < h / 2; y++) {
            int a = off + y * rowLength;
            int b = off + (h - 1 - y) * rowLength;
            for (int k = 0; k < rowLength; k++) {
                float t = img[a + k];
                img[a + k] = img[b + k];
                img[b + k] = t;
            }
        }
    }

    /**
     * Rotates counter-clockwise on screen by {@code degrees} about the image centre. Each output
     * pixel takes the source pixel nearest to its inverse-rotated centre, or 0 outside.
     */
    static void rotate(float[] img, int off, int h, int w, int c, double degrees, float[] scratch) {
        int n = h * w * c;
        System.arraycopy(img, off, scratch, 0, n);
        double theta = Math.toRadians(degrees);
        double cos = StrictMath.cos(theta);
        double sin = StrictMath.sin(theta);
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double ox = x - cx;
                double oy = y - cy;
                // inverse of a counter-clockwise turn with y pointing down
                long sx = Math.round(cx + ox * cos - oy * sin);
                long sy = Math.round(cy + ox * sin + oy * cos);
                int o = off + (y * w + x) * c;
                if (sx >= 0 && sx < w && sy >= 0 && sy < h) {
                    System.arraycopy(scratch, (int) (sy * w + sx) * c, img, o, c);
                } else {
                    java.util.Arrays.fill(img, o, o + c, 0f);
                }
            }
        }
    }

    /** Moves the content by {@code (dy, dx)} pixels (down, right), filling with 0. */
    static void shift(float[] img, int off, int h, int w, int c, int dy, int dx, float[] scratch) {
        int n = h * w * c;
        System.arraycopy(img, off, scratch, 0, n);
        for (int y = 0; y < h; y++) {
            int sy = y - dy;
            for (int x = 0; x < w; x++) {
                int sx = x - dx;
                int o = off + (y * w + x) * c;
                if (sy >= 0 && sy < h && sx >= 0 && sx < w) {
                    System.arraycopy(scratch, (sy * w + sx) * c, img, o, c);
                } else {
                    java.util.Arrays.fill(img, o, o + c, 0f);
                }
            }
        }
    }

    static void scale(float[] img, int off, int n, float factor) {
        for (int i = off; i < off + n; i++) {
            img[i] *= factor;
        }
    }
}
