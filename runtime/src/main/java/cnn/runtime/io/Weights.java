package cnn.runtime.io;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads and saves a generated model's weights ({@code .npz}, SPEC §5). The model passes its
 * tensors as parallel arrays of names and shapes; loading checks all of them before it returns
 * anything, so a model is never half-loaded.
 */
public final class Weights {

    private Weights() {
    }

    /**
     * Reads the tensors {@code names[i]} of shape {@code shapes[i]} and returns their data in the
     * same order. float32 and float64 arrays are accepted (float64 is rounded to float32).
     *
     * @throws WeightsException naming every missing, misshapen, mistyped or unexpected tensor,
     *                          or the corruption that stopped reading
     */
    public static float[][] load(Path file, String[] names, int[][] shapes) throws WeightsException {
        if (names.length != shapes.length) {
            throw new IllegalArgumentException(names.length + " names but " + shapes.length + " shapes");
        }
        String where = file.toString();
        try (NpzReader npz = NpzReader.open(file)) {
            List<String> problems = new ArrayList<>();
            Set<String> wanted = new HashSet<>(Arrays.asList(names));
            for (int i = 0; i < names.length; i++) {
                NpyHeader h = npz.header(names[i]);
                if (h == null) {
                    problems.add("missing tensor " + names[i] + " " + Shapes.format(shapes[i]));
                } else if (!h.dtype().isFloat()) {
                    problems.add("tensor " + names[i] + " has dtype " + h.dtype().numpyName()
                            + ", expected float32");
                } else if (!Arrays.equals(h.shape(), shapes[i])) {
                    problems.add("tensor " + names[i] + " has shape " + Shapes.format(h.shape()) + ", expected "
                            + Shapes.format(shapes[i]));
                }
            }
            List<String> extra = new ArrayList<>();
            for (String key : npz.keys()) {
                if (!wanted.contains(key)) {
                    extra.add(key);
                }
            }
            if (!extra.isEmpty()) {
                problems.add((extra.size() == 1 ? "unexpected tensor " : "unexpected tensors ") + String.join(", ", extra)
                        + " (not in the model)");
            }
            if (!problems.isEmpty()) {
                throw new WeightsException(where, problems);
            }
            float[][] out = new float[names.length][];
            for (int i = 0; i < names.length; i++) {
                out[i] = ((FloatArray) npz.read(names[i])).data();
            }
            return out;
        } catch (WeightsException e) {
            throw e;
        } catch (NpyFormatException e) {
            String problem = e.entry() == null ? e.problem() : "tensor " + entryKey(e.entry()) + ": " + e.problem();
            throw new WeightsException(where, problem, e);
        } catch (NoSuchFileException e) {
            throw new WeightsException(where, "no such file", e);
        } catch (IOException e) {
            throw new WeightsException(where, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Same as {@link #load(Path, String[], int[][])}, keyed by name in the model's order. */
    public static Map<String, float[]> loadMap(Path file, String[] names, int[][] shapes) throws WeightsException {
        float[][] data = load(file, names, shapes);
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            out.put(names[i], data[i]);
        }
        return out;
    }

    /** Writes the tensors as float32 in the given order, atomically (a crash keeps the old file). */
    public static void save(Path file, String[] names, int[][] shapes, float[][] data) throws IOException {
        if (names.length != shapes.length || names.length != data.length) {
            throw new IllegalArgumentException(names.length + " names, " + shapes.length + " shapes, " + data.length
                    + " arrays");
        }
        Map<String, FloatArray> arrays = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            if (arrays.put(names[i], new FloatArray(shapes[i], data[i])) != null) {
                throw new IllegalArgumentException("duplicate tensor name " + names[i]);
            }
        }
        Npz.write(file, arrays);
    }

    private static String entryKey(String entry) {
        return entry.endsWith(".npy") ? entry.substring(0, entry.length() - 4) : entry;
    }
}
