package cnn.runtime.io;

import java.util.Arrays;

/** Shape arithmetic shared by the array records and the readers. */
public final class Shapes {

    /** Java arrays cannot hold more elements than this. */
    public static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private Shapes() {
    }

    /** Product of the dimensions; throws if a dimension is negative or the product overflows. */
    public static int elements(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
            if (n > MAX_ELEMENTS) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has too many elements");
            }
        }
        return (int) n;
    }

    /** Throws unless an array of {@code length} values fills {@code shape} exactly. */
    public static void checkLength(int[] shape, int length) {
        if (elements(shape) != length) {
            throw new IllegalArgumentException("shape " + format(shape) + " needs " + elements(shape)
                    + " values, got " + length);
        }
    }

    /** {@code [16, 6, 5, 5]}, the way messages show shapes. */
    public static String format(int[] shape) {
        return Arrays.toString(shape);
    }
}
