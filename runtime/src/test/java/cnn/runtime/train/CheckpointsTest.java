package cnn.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.runtime.io.FloatArray;
import cnn.runtime.io.NdArray;
import cnn.runtime.io.Npz;
import cnn.runtime.io.Weights;
import cnn.runtime.io.WeightsException;
import cnn.runtime.optim.Adam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {

    @TempDir
    Path dir;

    private static SoftmaxRegression trained(String optimizer) throws IOException {
        SoftmaxRegression m = new SoftmaxRegression(2, 2, 1, 3, 16, SoftmaxRegression.config(optimizer, 0.05, 16, 1, 7));
        Fit.run(m, Blobs.make(64, 5), null, FitOptions.from(m.config()), ProgressListener.NONE);
        return m;
    }

    @Test
    void holdsWeightsOptimizerStateAndPosition() throws IOException {
        SoftmaxRegression m = trained("adam");
        Path file = dir.resolve("c.npz");
        Checkpoints.write(file, m, new Position(1, 0, 4));

        Checkpoint c = Checkpoints.read(file, m.tensorInfos());
        assertEquals(new Position(1, 0, 4), c.position().orElseThrow());
        assertTrue(c.resumable());
        assertEquals("adam", c.optimizer().orElseThrow());
        assertEquals(List.of(SoftmaxRegression.WEIGHT, SoftmaxRegression.BIAS), List.copyOf(c.tensors().keySet()));
        for (Map.Entry<String, float[]> e : m.tensors().entrySet()) {
            assertArrayEquals(e.getValue(), c.tensors().get(e.getKey()), e.getKey());
        }
        Map<String, float[]> state = m.optimizerState();
        assertEquals(state.keySet(), c.optimizerState().keySet());
        assertArrayEquals(state.get(Adam.EXP_AVG_SQ), c.optimizerState().get(Adam.EXP_AVG_SQ));

        // numpy sees the weights under their SPEC §5 names with PyTorch shapes.
        Map<String, NdArray> raw = Npz.read(file);
        assertArrayEquals(new int[] {3, 4}, raw.get("dense_1.weight").shape());
        assertTrue(raw.containsKey("optimizer:adam:exp_avg"));
        assertTrue(raw.containsKey("train:epoch"));
    }

    @Test
    void restoresIntoAFreshTrainer() throws IOException {
        SoftmaxRegression m = trained("sgd");
        Path file = dir.resolve("c.npz");
        Checkpoints.write(file, m, new Position(1, 0, 4));

        SoftmaxRegression fresh = new SoftmaxRegression(2, 2, 1, 3, 16, m.config());
        assertEquals(Checkpoint.OptimizerRestore.RESTORED, Checkpoints.read(file, fresh.tensorInfos()).restore(fresh));
        assertArrayEquals(m.parameters(), fresh.parameters());
        assertArrayEquals(m.optimizerState().get("momentum_buffer"), fresh.optimizerState().get("momentum_buffer"));

        SoftmaxRegression adam = new SoftmaxRegression(2, 2, 1, 3, 16, SoftmaxRegression.config("adam", 0.01, 16, 1, 7));
        assertEquals(Checkpoint.OptimizerRestore.OTHER_OPTIMIZER,
                Checkpoints.read(file, adam.tensorInfos()).restore(adam));
        assertArrayEquals(m.parameters(), adam.parameters(), "the weights load all the same");
    }

    @Test
    void aPlainWeightsFileStartsAtTheBeginning() throws IOException {
        SoftmaxRegression m = trained("sgd");
        Path file = dir.resolve("w.npz");
        Weights.save(file, new String[] {"dense_1.weight", "dense_1.bias"}, new int[][] {{3, 4}, {3}},
                new float[][] {m.tensors().get("dense_1.weight"), m.tensors().get("dense_1.bias")});

        Checkpoint c = Checkpoints.read(file, m.tensorInfos());
        assertFalse(c.resumable());
        assertTrue(c.optimizer().isEmpty());
        SoftmaxRegression fresh = new SoftmaxRegression(2, 2, 1, 3, 16, m.config());
        assertEquals(Checkpoint.OptimizerRestore.NONE, c.restore(fresh));
        assertArrayEquals(m.parameters(), fresh.parameters());
    }

    @Test
    void namesEveryTensorThatDoesNotFit() throws IOException {
        Path file = dir.resolve("bad.npz");
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("dense_1.weight", new FloatArray(new int[] {4, 3}, new float[12]));
        arrays.put("conv_9.weight", new FloatArray(new int[] {1}, new float[1]));
        Npz.write(file, arrays);
        SoftmaxRegression m = new SoftmaxRegression(2, 2, 1, 3, 16, SoftmaxRegression.config("sgd", 0.1, 16, 1, 7));

        WeightsException e = assertThrows(WeightsException.class, () -> Checkpoints.read(file, m.tensorInfos()));
        assertEquals(file + ": tensor dense_1.weight has shape [4, 3], expected [3, 4]\n"
                + file + ": missing tensor dense_1.bias [3]\n"
                + file + ": unexpected tensor conv_9.weight (not in the model)", e.getMessage());
    }

    @Test
    void aCorruptOrMissingFileIsOneMessage() throws IOException {
        SoftmaxRegression m = new SoftmaxRegression(2, 2, 1, 3, 16, SoftmaxRegression.config("sgd", 0.1, 16, 1, 7));
        Path garbage = dir.resolve("garbage.npz");
        Files.writeString(garbage, "not a zip at all");
        WeightsException e = assertThrows(WeightsException.class, () -> Checkpoints.read(garbage, m.tensorInfos()));
        assertTrue(e.getMessage().startsWith(garbage + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());

        Path missing = dir.resolve("none.npz");
        e = assertThrows(WeightsException.class, () -> Checkpoints.read(missing, m.tensorInfos()));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void aPartialPositionIsRefused() throws IOException {
        SoftmaxRegression m = trained("sgd");
        Path file = dir.resolve("c.npz");
        Checkpoints.write(file, m, new Position(1, 0, 4));
        Map<String, NdArray> arrays = new LinkedHashMap<>(Npz.read(file));
        arrays.remove("train:step");
        Npz.write(file, arrays);
        WeightsException e = assertThrows(WeightsException.class, () -> Checkpoints.read(file, m.tensorInfos()));
        assertEquals(file + ": a checkpoint needs train:epoch, train:batch and train:step together", e.getMessage());
    }
}
