package cnn.runtime.io;

import java.util.Arrays;

/**
 * An integer array (class labels, counts), written as int32. Files of any integer or boolean
 * type read into it as long as every value fits in an {@code int}.
 */
public record IntArray(int[] shape, int[] data) implements NdArray {

    public IntArray {
        shape = shape.clone();
        Shapes.checkLength(shape, data.length);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public DType dtype() {
        return DType.INT32;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntArray a && Arrays.equals(shape, a.shape) && Arrays.equals(data, a.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "IntArray" + Shapes.format(shape);
    }
}
