package cnn.compiler.graph;

import java.util.Arrays;

/** A named tensor of the weights file (SPEC §5): {@code <layer>.weight}, {@code .bias}, … */
public record TensorSpec(String name, int[] shape, boolean trainable) {

    public long size() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
