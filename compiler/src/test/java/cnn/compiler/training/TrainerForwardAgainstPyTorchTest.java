package cnn.compiler.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import cnn.compiler.codegen.training.TrainerJit;
import cnn.compiler.graph.Network;
import cnn.runtime.io.FloatArray;
import cnn.runtime.io.Npy;
import cnn.runtime.io.Npz;
import cnn.runtime.kernels.Parallel;
import cnn.runtime.train.TrainableModel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The trainer's own forward pass (its per-layer training code run in inference mode: running
 * statistics, no dropout, the fused softmax applied) against PyTorch on every inference fixture
 * of {@code tools/reference/make_fixtures.py} (one per op and option, and whole networks), within
 * 1e-4 relative, as the inference class is checked. Sliding-window fixtures have no trainer.
 */
class TrainerForwardAgainstPyTorchTest {

    private static final double TOLERANCE = 1e-4;

    @TestFactory
    Stream<DynamicTest> trainerForwardMatchesPyTorch() throws Exception {
        return ReferenceFixtures.trainable(TrainerForwardAgainstPyTorchTest::check);
    }

    private static void check(Path dir, Network net) throws Exception {
        Map<String, float[]> weights = new LinkedHashMap<>();
        Npz.read(dir.resolve("weights.npz")).forEach((k, v) -> weights.put(k, ((FloatArray) v).data()));
        FloatArray input = Npy.readFloat(dir.resolve("input.npy"));
        FloatArray expected = Npy.readFloat(dir.resolve("output.npy"));
        int n = input.shape()[0];
        TrainableModel t = TrainerJit.compile(net).trainer().create(weights, n, new Parallel(2));
        float[] out = new float[expected.data().length];
        t.forward(input.data(), n, out);
        assertArrayEquals(expected.shape()[0] == n ? new int[] {n * t.outputSize()} : null,
                new int[] {out.length}, "one output per sample");
        float[] e = expected.data();
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(out[i] - e[i]) <= TOLERANCE * Math.max(1, Math.abs(e[i])))) {
                fail(dir.getFileName() + ": value " + i + " is " + out[i] + ", PyTorch " + e[i]);
            }
        }
    }
}
