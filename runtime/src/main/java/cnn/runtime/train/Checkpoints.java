package cnn.runtime.train;

import cnn.runtime.io.FloatArray;
import cnn.runtime.io.IntArray;
import cnn.runtime.io.NdArray;
import cnn.runtime.io.NpyFormatException;
import cnn.runtime.io.NpyHeader;
import cnn.runtime.io.Npz;
import cnn.runtime.io.NpzReader;
import cnn.runtime.io.Shapes;
import cnn.runtime.io.WeightsException;
import cnn.runtime.model.TensorInfo;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checkpoint files: an {@code .npz} holding the model's tensors under their SPEC §5 names (so
 * numpy and PyTorch read the weights as from any weights file), the optimizer's arrays as
 * {@code optimizer:<kind>:<name>} and the position as int32 scalars {@code train:epoch},
 * {@code train:batch} and {@code train:step}. The colon cannot occur in a layer name, so the
 * extra keys never collide with a tensor. Written atomically (temporary file, fsync, rename):
 * a crash mid-write leaves the previous checkpoint whole.
 */
public final class Checkpoints {

    static final String TRAIN = "train:";
    static final String OPTIMIZER = "optimizer:";
    static final String EPOCH = TRAIN + "epoch";
    static final String BATCH = TRAIN + "batch";
    static final String STEP = TRAIN + "step";

    private Checkpoints() {
    }

    /** Writes {@code model}'s weights, optimizer state and {@code position} to {@code file}. */
    public static void write(Path file, TrainableModel model, Position position) throws IOException {
        if (position.step() > Integer.MAX_VALUE) {
            throw new IOException(file + ": cannot record step " + position.step() + " (more than 2^31 - 1)");
        }
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        Map<String, float[]> tensors = model.tensors();
        for (TensorInfo t : model.tensorInfos()) {
            arrays.put(t.name(), new FloatArray(t.shapeArray(), tensors.get(t.name())));
        }
        String kind = Optimizers.kind(model.optimizer());
        for (Map.Entry<String, float[]> e : model.optimizerState().entrySet()) {
            float[] values = e.getValue();
            arrays.put(OPTIMIZER + kind + ":" + e.getKey(), new FloatArray(new int[] {values.length}, values.clone()));
        }
        arrays.put(EPOCH, scalar(position.epoch()));
        arrays.put(BATCH, scalar(position.batch()));
        arrays.put(STEP, scalar((int) position.step()));
        Npz.write(file, arrays);
    }

    /**
     * Reads a checkpoint, or a plain weights file, for a model with {@code tensors}: every
     * tensor must be there with its shape, and nothing else but checkpoint keys.
     *
     * @throws WeightsException naming each missing, misshapen or unexpected tensor, or what
     *                          stopped the file from being read
     */
    public static Checkpoint read(Path file, List<TensorInfo> tensors) throws WeightsException {
        String where = file.toString();
        try (NpzReader npz = NpzReader.open(file)) {
            List<String> problems = new ArrayList<>();
            Set<String> wanted = new HashSet<>();
            for (TensorInfo t : tensors) {
                wanted.add(t.name());
                NpyHeader h = npz.header(t.name());
                if (h == null) {
                    problems.add("missing tensor " + t.name() + " " + Shapes.format(t.shapeArray()));
                } else if (!h.dtype().isFloat()) {
                    problems.add("tensor " + t.name() + " has dtype " + h.dtype().numpyName() + ", expected float32");
                } else if (!Arrays.equals(h.shape(), t.shapeArray())) {
                    problems.add("tensor " + t.name() + " has shape " + Shapes.format(h.shape()) + ", expected "
                            + Shapes.format(t.shapeArray()));
                }
            }
            List<String> extra = new ArrayList<>();
            String kind = null;
            for (String key : npz.keys()) {
                if (key.startsWith(OPTIMIZER)) {
                    String rest = key.substring(OPTIMIZER.length());
                    int colon = rest.indexOf(':');
                    String k = colon < 0 ? rest : rest.substring(0, colon);
                    if (colon < 0 || (kind != null && !kind.equals(k))) {
                        problems.add("optimizer state " + key + " does not match the others");
                    }
                    kind = k;
                } else if (!key.startsWith(TRAIN) && !wanted.contains(key)) {
                    extra.add(key);
                }
            }
            if (!extra.isEmpty()) {
                problems.add((extra.size() == 1 ? "unexpected tensor " : "unexpected tensors ")
                        + String.join(", ", extra) + " (not in the model)");
            }
            boolean hasPosition = npz.contains(EPOCH) || npz.contains(BATCH) || npz.contains(STEP);
            if (hasPosition && !(npz.contains(EPOCH) && npz.contains(BATCH) && npz.contains(STEP))) {
                problems.add("a checkpoint needs " + EPOCH + ", " + BATCH + " and " + STEP + " together");
            }
            if (!problems.isEmpty()) {
                throw new WeightsException(where, problems);
            }
            Map<String, float[]> weights = new LinkedHashMap<>();
            for (TensorInfo t : tensors) {
                weights.put(t.name(), ((FloatArray) npz.read(t.name())).data());
            }
            Map<String, float[]> state = new LinkedHashMap<>();
            if (kind != null) {
                String prefix = OPTIMIZER + kind + ":";
                for (String key : npz.keys()) {
                    if (key.startsWith(prefix)) {
                        state.put(key.substring(prefix.length()), floats(npz.read(key), where, key));
                    }
                }
            }
            Optional<Position> position = Optional.empty();
            if (hasPosition) {
                int epoch = integer(npz.read(EPOCH), where, EPOCH);
                int batch = integer(npz.read(BATCH), where, BATCH);
                int step = integer(npz.read(STEP), where, STEP);
                if (epoch < 0 || batch < 0 || step < 0) {
                    throw new WeightsException(where, List.of("the training position (epoch " + epoch + ", batch "
                            + batch + ", step " + step + ") is negative"));
                }
                position = Optional.of(new Position(epoch, batch, step));
            }
            return new Checkpoint(weights, Optional.ofNullable(kind), state, position);
        } catch (WeightsException e) {
            throw e;
        } catch (NpyFormatException e) {
            String problem = e.entry() == null ? e.problem() : "entry " + e.entry() + ": " + e.problem();
            throw new WeightsException(where, problem, e);
        } catch (NoSuchFileException e) {
            throw new WeightsException(where, "no such file", e);
        } catch (IOException e) {
            throw new WeightsException(where, "cannot read: " + e.getMessage(), e);
        }
    }

    private static IntArray scalar(int value) {
        return new IntArray(new int[0], new int[] {value});
    }

    private static int integer(NdArray a, String file, String key) throws WeightsException {
        if (a instanceof IntArray i && i.data().length == 1) {
            return i.data()[0];
        }
        throw new WeightsException(file, List.of(key + " must be one integer, found " + a));
    }

    private static float[] floats(NdArray a, String file, String key) throws WeightsException {
        if (a instanceof FloatArray f && f.shape().length == 1) {
            return f.data();
        }
        throw new WeightsException(file, List.of(key + " must be a vector of float32, found " + a));
    }
}
