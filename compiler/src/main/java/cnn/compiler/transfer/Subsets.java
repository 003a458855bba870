package cnn.compiler.transfer;

import cnn.runtime.data.Dataset;
import cnn.runtime.init.Rng;
import cnn.runtime.io.FloatArray;
import cnn.runtime.io.IntArray;
import cnn.runtime.io.NdArray;
import cnn.runtime.io.Npz;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Part of a labelled dataset as a new one: some classes, renumbered from 0 in the order given
 * (so a head for five of Fashion-MNIST's ten classes has five outputs), and at most so many
 * images per class, drawn by a seed. What the transfer-learning example uses to split
 * Fashion-MNIST into a base task and a small new task.
 */
public final class Subsets {

    private Subsets() {
    }

    /**
     * The indices of the chosen samples, in the dataset's order, and their new labels.
     *
     * @param classes  the classes to keep, in their new order
     * @param perClass at most this many of each class (0: all), a seeded random choice
     */
    public record Choice(int[] indices, int[] labels) {
    }

    public static Choice choose(Dataset data, List<Integer> classes, int perClass, long seed) {
        if (data.classes() == 0) {
            throw new IllegalArgumentException("the data has float targets, not class labels");
        }
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("no classes chosen");
        }
        int[] newLabel = new int[data.classes()];
        Arrays.fill(newLabel, -1);
        for (int i = 0; i < classes.size(); i++) {
            int c = classes.get(i);
            if (c < 0 || c >= data.classes()) {
                throw new IllegalArgumentException("class " + c + " is not among the data's classes 0.."
                        + (data.classes() - 1));
            }
            if (newLabel[c] >= 0) {
                throw new IllegalArgumentException("class " + c + " is chosen twice");
            }
            newLabel[c] = i;
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int i = 0; i < classes.size(); i++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < data.size(); i++) {
            int l = newLabel[data.label(i)];
            if (l >= 0) {
                byClass.get(l).add(i);
            }
        }
        List<Integer> kept = new ArrayList<>();
        for (int l = 0; l < byClass.size(); l++) {
            int[] members = byClass.get(l).stream().mapToInt(Integer::intValue).toArray();
            if (perClass > 0 && members.length > perClass) {
                Rng.stream(seed, "subset/" + classes.get(l)).shuffle(members);
                members = Arrays.copyOf(members, perClass);
            }
            for (int m : members) {
                kept.add(m);
            }
        }
        int[] indices = kept.stream().mapToInt(Integer::intValue).sorted().toArray();
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            labels[i] = newLabel[data.label(indices[i])];
        }
        return new Choice(indices, labels);
    }

    /** Writes the chosen samples as a dataset {@code .npz} ({@code x} N x H x W x C, {@code y} labels). */
    public static void write(Path file, Dataset data, Choice choice) throws IOException {
        int n = choice.indices().length;
        int size = data.sampleSize();
        float[] x = new float[Math.multiplyExact(n, size)];
        for (int i = 0; i < n; i++) {
            data.copyImage(choice.indices()[i], x, i * size);
        }
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("x", new FloatArray(new int[] {n, data.height(), data.width(), data.channels()}, x));
        arrays.put("y", new IntArray(new int[] {n}, choice.labels()));
        Npz.write(file, arrays);
    }
}
