package cnn.runtime.io;

import java.util.Arrays;

/** A float32 array: {@code data.length} equals the product of {@code shape}. */
public record FloatArray(int[] shape, float[] data) implements NdArray {

    public FloatArray {
        shape = shape.clone();
        Shapes.checkLength(shape, data.length);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public DType dtype() {
        return DType.FLOAT32;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatArray f && Arrays.equals(shape, f.shape) && Arrays.equals(data, f.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatArray" + Shapes.format(shape);
    }
}
