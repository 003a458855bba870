package cnn.compiler.codegen;

import static cnn.compiler.testing.Reference.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.PadSpec;
import cnn.compiler.testing.Jit;
import cnn.compiler.testing.Ops;
import cnn.compiler.testing.Reference;
import cnn.compiler.testing.TestNet;
import cnn.runtime.io.FloatArray;
import cnn.runtime.io.Npz;
import cnn.runtime.io.WeightsException;
import cnn.runtime.model.Model;
import cnn.runtime.model.ModelFactory;
import cnn.runtime.model.ModelInfo;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated API: weights files, initialisation, batches, several outputs, allocation. */
class ModelApiTest {

    @TempDir
    Path dir;

    private static Network small() {
        return TestNet.input("Small", 8, 8, 3)
                .add("conv_1", Ops.conv(4, 3, 1, PadSpec.SAME))
                .add("bn_1", new Op.BatchNorm(1e-5, 0.1), Activation.of(Activation.Kind.RELU))
                .add("maxpool_1", Ops.maxpool(2, 2, PadSpec.VALID))
                .add("flatten_1", new Op.Flatten())
                .add("dense_1", Ops.dense(5), Activation.of(Activation.Kind.SOFTMAX))
                .build();
    }

    private static Model randomized(ModelFactory<? extends Model> f, long seed) {
        Map<String, float[]> t = f.init(seed).tensors();
        Random r = new Random(seed);
        // init gives batchnorm the identity; make its statistics non-trivial so folding matters
        t.replaceAll((name, v) -> name.startsWith("bn_1.") ? positive(Reference.random(r, v.length)) : v);
        return f.fromTensors(t);
    }

    private static float[] positive(float[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.abs(v[i]) + 0.25f;
        }
        return v;
    }

    @Test
    void constantsDescribeTheModel() {
        ModelInfo info = Jit.factory(small()).info();
        assertEquals(8, info.inputHeight());
        assertEquals(3, info.inputChannels());
        assertEquals(List.of("dense_1"), info.outputNames());
        assertEquals(List.of(List.of(5)), info.outputShapes());
        // conv 3·3·3·4 + 4 = 112, batchnorm 8 + 8 running statistics, dense 64·5 + 5 = 325
        assertEquals(112 + 16 + 325, info.parameterCount());
    }

    @Test
    void saveThenLoadGivesTheSameTensorsAndPredictions() throws IOException {
        ModelFactory<? extends Model> f = Jit.factory(small());
        Model m = randomized(f, 11);
        Path file = dir.resolve("small.npz");
        m.save(file);
        Model back = f.load(file);
        Map<String, float[]> a = m.tensors();
        Map<String, float[]> b = back.tensors();
        assertEquals(List.copyOf(a.keySet()), List.copyOf(b.keySet()));
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k), b.get(k), k);
        }
        float[] x = Reference.random(new Random(5), 192);
        assertArrayEquals(m.predict(x), back.predict(x), 0f);
        // the file holds PyTorch's layout: conv weight [out, in, kh, kw] exactly as tensors() gives it
        FloatArray w = (FloatArray) Npz.read(file).get("conv_1.weight");
        assertArrayEquals(new int[] {4, 3, 3, 3}, w.shape());
        assertArrayEquals(a.get("conv_1.weight"), w.data(), 0f);
    }

    @Test
    void initIsDeterministicAndSeedDependent() {
        ModelFactory<? extends Model> f = Jit.factory(small());
        assertArrayEquals(f.init(1).tensors().get("conv_1.weight"), f.init(1).tensors().get("conv_1.weight"), 0f);
        assertFalse(Arrays.equals(f.init(1).tensors().get("conv_1.weight"),
                f.init(2).tensors().get("conv_1.weight")));
        Map<String, float[]> t = f.init(1).tensors();
        assertArrayEquals(new float[] {1, 1, 1, 1}, t.get("bn_1.weight"), 0f);
        assertArrayEquals(new float[] {1, 1, 1, 1}, t.get("bn_1.running_var"), 0f);
        assertArrayEquals(new float[4], t.get("conv_1.bias"), 0f);
    }

    @Test
    void aWeightsFileThatDoesNotFitIsOneClearError() throws IOException {
        ModelFactory<? extends Model> f = Jit.factory(small());
        Map<String, FloatArray> arrays = new LinkedHashMap<>();
        f.init(0).tensors().forEach((k, v) -> arrays.put(k, new FloatArray(shapeOf(f, k), v)));
        arrays.remove("bn_1.running_var");
        arrays.put("dense_1.bias", new FloatArray(new int[] {6}, new float[6]));
        Path file = dir.resolve("bad.npz");
        Npz.write(file, arrays);
        WeightsException e = assertThrows(WeightsException.class, () -> f.load(file));
        assertTrue(e.getMessage().contains("missing tensor bn_1.running_var [4]"), e.getMessage());
        assertTrue(e.getMessage().contains("tensor dense_1.bias has shape [6], expected [5]"), e.getMessage());
        Path corrupt = dir.resolve("corrupt.npz");
        Files.write(corrupt, new byte[] {'P', 'K', 3, 4, 0, 0});
        assertThrows(WeightsException.class, () -> f.load(corrupt));
        WeightsException missing = assertThrows(WeightsException.class, () -> f.load(dir.resolve("none.npz")));
        assertTrue(missing.getMessage().endsWith("none.npz: no such file"), missing.getMessage());
    }

    private static int[] shapeOf(ModelFactory<? extends Model> f, String name) {
        return f.tensorInfos().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow().shapeArray();
    }

    @Test
    void fromTensorsNamesWhatIsWrong() {
        ModelFactory<? extends Model> f = Jit.factory(small());
        Map<String, float[]> t = f.init(0).tensors();
        t.put("conv_1.bias", new float[3]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.fromTensors(t));
        assertEquals("tensor conv_1.bias has 3 values, expected 4 for [4]", e.getMessage());
    }

    /** Each sample of a batch equals the sample run alone, bit for bit, however the batch is split. */
    @Test
    void batchEqualsSamplesExactly() {
        ModelFactory<? extends Model> f = Jit.factory(small());
        Model m = randomized(f, 3);
        int n = 13;
        float[] x = Reference.random(new Random(9), n * 192);
        float[] out = new float[n * 5];
        m.predict(x, n, out);
        for (int i = 0; i < n; i++) {
            float[] one = m.predict(Arrays.copyOfRange(x, i * 192, (i + 1) * 192));
            assertArrayEquals(one, Arrays.copyOfRange(out, i * 5, (i + 1) * 5), 0f, "sample " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> m.predict(new float[191]));
        assertThrows(IllegalArgumentException.class, () -> m.predict(x, n, new float[n * 5 - 1]));
    }

    @Test
    void aSingleSampleIntoAnArrayAllocatesNothingAfterWarmUp() {
        Model m = randomized(Jit.factory(small()), 3);
        float[] x = Reference.random(new Random(1), 192);
        float[] out = new float[5];
        for (int i = 0; i < 20_000; i++) {
            m.predict(x, 1, out);
        }
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(id);
        for (int i = 0; i < 1000; i++) {
            m.predict(x, 1, out);
        }
        long allocated = bean.getThreadAllocatedBytes(id) - before;
        // the measurement itself may cost a few bytes; a float[] per call would be 1000 × 40
        assertTrue(allocated < 1000, "allocated " + allocated + " bytes over 1000 calls");
    }

    /** Two outputs: a vector head and a feature map, each equal to the reference. */
    @Test
    void severalOutputs() {
        TestNet b = TestNet.input("TwoHeads", 4, 4, 2)
                .add("trunk", Ops.conv(3, 3, 1, PadSpec.SAME), Activation.of(Activation.Kind.RELU))
                .add("map", Ops.conv(2, 1, 1, PadSpec.VALID), Activation.of(Activation.Kind.SIGMOID), "trunk")
                .add("pool", new Op.GlobalPool(Op.PoolKind.AVG), Activation.LINEAR, "trunk")
                .add("scores", Ops.dense(3), Activation.of(Activation.Kind.SOFTMAX))
                .outputs("scores", "map");
        ModelFactory<? extends Model> f = Jit.factory(b.build());
        assertEquals(List.of("scores", "map"), f.info().outputNames());
        assertEquals(List.of(List.of(3), List.of(4, 4, 2)), f.info().outputShapes());
        Model m = f.init(4);
        Map<String, float[]> w = m.tensors();
        float[] x = Reference.random(new Random(2), 32);
        double[][][] trunk = Reference.activate("relu", Reference.conv(Reference.chw(x, 4, 4, 2), w.get("trunk.weight"),
                w.get("trunk.bias"), 3, 3, 3, 1, 1, 1, 1, new int[] {1, 1, 1, 1}, 1), 0);
        double[] scores = Reference.softmax(Reference.dense(Reference.globalPool(trunk, false), w.get("scores.weight"),
                w.get("scores.bias"), 3));
        double[] map = Reference.hwc(Reference.activate("sigmoid", Reference.conv(trunk, w.get("map.weight"),
                w.get("map.bias"), 2, 1, 1, 1, 1, 1, 1, new int[] {0, 0, 0, 0}, 1), 0));
        float[][] all = m.predictAll(x);
        assertClose(scores, all[0], 1e-5);
        assertClose(map, all[1], 1e-5);
        assertArrayEquals(all[0], m.predict(x), 0f);
        float[][] outs = {new float[6], new float[64]};
        float[] two = new float[64];
        System.arraycopy(x, 0, two, 0, 32);
        System.arraycopy(x, 0, two, 32, 32);
        m.predictAll(two, 2, outs);
        assertArrayEquals(all[1], Arrays.copyOfRange(outs[1], 32, 64), 0f);
        assertArrayEquals(all[0], Arrays.copyOfRange(outs[0], 3, 6), 0f);
    }
}
