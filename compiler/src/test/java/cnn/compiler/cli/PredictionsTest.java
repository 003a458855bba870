package cnn.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.PadSpec;
import cnn.compiler.testing.Jit;
import cnn.compiler.testing.Ops;
import cnn.compiler.testing.Reference;
import cnn.compiler.testing.TestNet;
import cnn.runtime.io.FloatArray;
import cnn.runtime.io.NdArray;
import cnn.runtime.io.Npy;
import cnn.runtime.io.Npz;
import cnn.runtime.model.Model;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code cnnc predict} does between reading X.npy and writing Y.npy/.npz. */
class PredictionsTest {

    @TempDir
    Path dir;

    private static TestNet twoHeads() {
        return TestNet.input("TwoHeads", 4, 4, 2)
                .add("trunk", Ops.conv(3, 3, 1, PadSpec.SAME), Activation.of(Activation.Kind.RELU))
                .add("map", Ops.conv(2, 1, 1, PadSpec.VALID), Activation.LINEAR, "trunk")
                .add("pool", new Op.GlobalPool(Op.PoolKind.AVG), Activation.LINEAR, "trunk")
                .add("scores", Ops.dense(3), Activation.of(Activation.Kind.SOFTMAX));
    }

    @Test
    void oneOutputIsAnNpyShapedNByOutput() throws Exception {
        Model m = Jit.factory(twoHeads().outputs("map").build()).init(1);
        float[] x = Reference.random(new Random(4), 3 * 32);
        Npy.write(dir.resolve("x.npy"), new FloatArray(new int[] {3, 4, 4, 2}, x));
        Predictions.run(m, dir.resolve("x.npy"), dir.resolve("y.npy"));
        FloatArray y = Npy.readFloat(dir.resolve("y.npy"));
        assertArrayEquals(new int[] {3, 4, 4, 2}, y.shape());
        assertArrayEquals(m.predict(Arrays.copyOfRange(x, 64, 96)), Arrays.copyOfRange(y.data(), 64, 96), 0f);
    }

    @Test
    void severalOutputsAreAnNpzKeyedByName() throws Exception {
        Model m = Jit.factory(twoHeads().outputs("scores", "map").build()).init(1);
        float[] x = Reference.random(new Random(4), 2 * 32);
        Npy.write(dir.resolve("x.npy"), new FloatArray(new int[] {2, 4, 4, 2}, x));
        Predictions.run(m, dir.resolve("x.npy"), dir.resolve("y.npz"));
        Map<String, NdArray> y = Npz.read(dir.resolve("y.npz"));
        assertEquals(List.of("scores", "map"), List.copyOf(y.keySet()));
        assertArrayEquals(new int[] {2, 3}, y.get("scores").shape());
        assertArrayEquals(new int[] {2, 4, 4, 2}, y.get("map").shape());
        float[][] second = m.predictAll(Arrays.copyOfRange(x, 32, 64));
        assertArrayEquals(second[0], Arrays.copyOfRange(((FloatArray) y.get("scores")).data(), 3, 6), 0f);
        CliException e = assertThrows(CliException.class,
                () -> Predictions.run(m, dir.resolve("x.npy"), dir.resolve("y.npy")));
        assertEquals("TwoHeads has 2 outputs (scores, map): give --output an .npz file", e.getMessage());
    }

    @Test
    void anInputOfTheWrongShapeIsNamed() throws Exception {
        Model m = Jit.factory(twoHeads().build()).init(1);
        Npy.write(dir.resolve("x.npy"), new FloatArray(new int[] {2, 4, 2, 4}, new float[64]));
        CliException e = assertThrows(CliException.class,
                () -> Predictions.run(m, dir.resolve("x.npy"), dir.resolve("y.npy")));
        assertEquals(dir.resolve("x.npy") + ": shape [2, 4, 2, 4] does not fit TwoHeads, which takes [N, 4, 4, 2]"
                + " (NHWC)", e.getMessage());
    }
}
