package cnn.runtime.model;

import cnn.runtime.io.Weights;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weights of a generated model as {@code float[][]} in the order of its tensor list: read and
 * written through the checked loader of {@code cnn.runtime.io}, or exchanged as a map by name.
 */
public final class WeightsFiles {

    private WeightsFiles() {
    }

    /** Every tensor, checked (missing, shape, dtype, extra, corrupt) before anything is returned. */
    public static float[][] load(Path npz, List<TensorInfo> tensors) throws IOException {
        return Weights.load(npz, names(tensors), shapes(tensors));
    }

    /** Writes the tensors in the file layout, atomically. */
    public static void save(Path npz, List<TensorInfo> tensors, float[][] data) throws IOException {
        Weights.save(npz, names(tensors), shapes(tensors), data);
    }

    /** Copies of the tensors keyed by name, in file order. */
    public static Map<String, float[]> toMap(List<TensorInfo> tensors, float[][] data) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int i = 0; i < tensors.size(); i++) {
            out.put(tensors.get(i).name(), data[i].clone());
        }
        return out;
    }

    /**
     * Copies of the named tensors in file order.
     *
     * @throws IllegalArgumentException naming a missing tensor, one of the wrong size, or one the model does not have
     */
    public static float[][] fromMap(Map<String, float[]> map, List<TensorInfo> tensors) {
        float[][] out = new float[tensors.size()][];
        for (int i = 0; i < tensors.size(); i++) {
            TensorInfo t = tensors.get(i);
            float[] v = map.get(t.name());
            if (v == null) {
                throw new IllegalArgumentException("missing tensor " + t.name() + " " + t.shape());
            }
            if (v.length != t.size()) {
                throw new IllegalArgumentException("tensor " + t.name() + " has " + v.length + " values, expected "
                        + t.size() + " for " + t.shape());
            }
            out[i] = v.clone();
        }
        if (map.size() != tensors.size()) {
            for (String name : map.keySet()) {
                if (tensors.stream().noneMatch(t -> t.name().equals(name))) {
                    throw new IllegalArgumentException("unexpected tensor " + name + " (not in the model)");
                }
            }
        }
        return out;
    }

    private static String[] names(List<TensorInfo> tensors) {
        return tensors.stream().map(TensorInfo::name).toArray(String[]::new);
    }

    private static int[][] shapes(List<TensorInfo> tensors) {
        return tensors.stream().map(TensorInfo::shapeArray).toArray(int[][]::new);
    }
}
