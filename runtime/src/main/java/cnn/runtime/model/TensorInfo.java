package cnn.runtime.model;

import java.util.List;

/**
 * One tensor of a model's weights file (SPEC §5).
 *
 * @param shape     PyTorch layout, e.g. conv {@code [out, in/groups, kh, kw]}
 * @param trainable false for running statistics, constant kernels and frozen layers
 */
public record TensorInfo(String name, List<Integer> shape, boolean trainable) {

    public TensorInfo {
        shape = List.copyOf(shape);
    }

    public int size() {
        int n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public int[] shapeArray() {
        return shape.stream().mapToInt(Integer::intValue).toArray();
    }
}
