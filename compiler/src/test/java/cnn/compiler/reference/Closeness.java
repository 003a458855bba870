package cnn.compiler.reference;

import java.util.Optional;

/**
 * Element-wise comparison with PyTorch's numbers: {@code |a − b| ≤ tolerance · max(1, |b|)},
 * {@code b} the expected value. Absolute near zero (where float32 rounding of a sum of larger
 * terms is all that is left), relative elsewhere.
 */
final class Closeness {

    /** What the fixtures are checked to: the generated code computes in float32. */
    static final double TOLERANCE = 1e-4;

    private Closeness() {
    }

    /**
     * The worst element outside the tolerance, if any.
     *
     * @param shape the expected array's shape, to report the worst element's index
     */
    static Optional<Mismatch> compare(float[] actual, float[] expected, int[] shape, double tolerance) {
        if (actual.length != expected.length) {
            throw new IllegalArgumentException(actual.length + " values against " + expected.length + " expected");
        }
        int worst = -1;
        double worstRatio = 1;
        int count = 0;
        for (int i = 0; i < expected.length; i++) {
            double b = expected[i];
            double allowed = tolerance * Math.max(1, Math.abs(b));
            double error = Math.abs(actual[i] - b);
            // NaN fails too: the comparison is written so that it cannot pass.
            if (!(error <= allowed)) {
                count++;
                double ratio = Double.isNaN(error) ? Double.POSITIVE_INFINITY : error / allowed;
                if (worst < 0 || ratio > worstRatio) {
                    worst = i;
                    worstRatio = ratio;
                }
            }
        }
        if (worst < 0) {
            return Optional.empty();
        }
        return Optional.of(new Mismatch(count, expected.length, index(worst, shape), actual[worst], expected[worst]));
    }

    /** The C-order index of flat position {@code flat}. */
    static int[] index(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return idx;
    }

    /** {@code count} of {@code total} elements are off; the worst is at {@code index}. */
    record Mismatch(int count, int total, int[] index, float actual, float expected) {
        @Override
        public String toString() {
            return count + " of " + total + " values differ beyond " + TOLERANCE + "·max(1, |expected|); worst at "
                    + java.util.Arrays.toString(index) + ": got " + actual + ", PyTorch " + expected;
        }
    }
}
