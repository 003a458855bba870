package cnn.compiler.codegen;

import static cnn.compiler.testing.Reference.assertClose;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.PadSpec;
import cnn.compiler.graph.Window;
import cnn.compiler.testing.Jit;
import cnn.compiler.testing.Ops;
import cnn.compiler.testing.Reference;
import cnn.compiler.testing.TestNet;
import cnn.runtime.kernels.Parallel;
import cnn.runtime.model.Model;
import com.google.testing.compile.JavaFileObjects;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Large conv layers share their output rows among the pool's threads when one sample runs
 * alone (DESIGN: "split the batch, or output rows for batch 1"). Every value is still computed
 * by the same code, so the result is the same as the reference and as the same sample in a batch.
 */
class RowSplitTest {

    /** conv_1: 24·24·16 outputs × 3·3·8 = 663,552 MACs (runs whole); conv_2: 24·24·32 × 144 = 2,654,208 (split). */
    static Network net() {
        return TestNet.input("Rows", 24, 24, 8)
                .add("conv_1", Ops.conv(16, 3, 1, PadSpec.SAME))
                .add("bn_1", new Op.BatchNorm(1e-5, 0.1), Activation.of(Activation.Kind.RELU))
                .add("conv_2", Ops.conv(32, 3, 1, PadSpec.SAME), Activation.of(Activation.Kind.RELU))
                .add("dw", Ops.dwconv(2, Window.of(3, 3, 1), PadSpec.SAME))
                .add("pw", Ops.conv(64, 1, 1, PadSpec.VALID))
                .build();
    }

    @Test
    void largeLayersTakeAShareOfRows() {
        String src = JavaGenerator.generate(net(), "rows").get(0).source();
        assertTrue(src.contains("private void layer_conv_2(float[] in, float[] out, int part, int parts)"), src);
        assertTrue(src.contains("Parallel.common().forShares(PARTS, ws.rows_conv_2)"), src);
        assertTrue(src.contains("Parallel.common().forShares(PARTS, ws.rows_pw)"), "pw: 24·24·64 outputs × 64 = 2,359,296 MACs");
        assertFalse(src.contains("layer_conv_1(float[] in, float[] out, int part"), "conv_1 is below the threshold");
        assertThat(javac().withOptions("-Xlint:all", "-Werror")
                .compile(JavaFileObjects.forSourceString("rows.Rows", src))).succeededWithoutWarnings();
    }

    @Test
    void splitRowsGiveTheReferenceAndTheBatchResultExactly() {
        Model m = Jit.factory(net()).init(2);
        Map<String, float[]> w = m.tensors();
        Random r = new Random(6);
        w.replaceAll((k, v) -> k.startsWith("bn_1.") ? positive(Reference.random(r, v.length)) : v);
        m = Jit.factory(net()).fromTensors(w);
        float[] x = Reference.random(r, 24 * 24 * 8);
        int[] same = {1, 1, 1, 1};
        double[][][] y = Reference.conv(Reference.chw(x, 24, 24, 8), w.get("conv_1.weight"), w.get("conv_1.bias"), 16,
                3, 3, 1, 1, 1, 1, same, 1);
        y = Reference.activate("relu", Reference.batchNorm(y, w.get("bn_1.weight"), w.get("bn_1.bias"),
                w.get("bn_1.running_mean"), w.get("bn_1.running_var"), 1e-5), 0);
        y = Reference.activate("relu", Reference.conv(y, w.get("conv_2.weight"), w.get("conv_2.bias"), 32, 3, 3, 1, 1,
                1, 1, same, 1), 0);
        y = Reference.depthwise(y, w.get("dw.weight"), w.get("dw.bias"), 2, 3, 3, 1, 1, 1, 1, same);
        y = Reference.conv(y, w.get("pw.weight"), w.get("pw.bias"), 64, 1, 1, 1, 1, 1, 1, new int[4], 1);
        float[] one = m.predict(x);
        assertClose(Reference.hwc(y), one, 1e-4);

        float[] batch = new float[3 * x.length];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(x, 0, batch, i * x.length, x.length);
        }
        float[] out = new float[3 * one.length];
        m.predict(batch, 3, out);
        assertArrayEquals(one, Arrays.copyOfRange(out, 2 * one.length, 3 * one.length), 0f,
                "rows split over " + Parallel.common().threads() + " threads vs one sample per thread");
    }

    /**
     * 192x192x64 maps: a workspace of 5.3M floats (two maps of 2,359,296, the input and its padded
     * copy), above the 2M floats two per-thread copies keep in cache,
     * so a batch runs one sample at a time with its large layers split, and gives each sample
     * exactly what it gives alone.
     */
    @Test
    void aModelWithLargeActivationsRunsABatchOneSampleAtATime() {
        Network big = TestNet.input("Big", 192, 192, 8)
                .add("conv_1", Ops.conv(64, 3, 1, PadSpec.SAME), Activation.of(Activation.Kind.RELU))
                .add("conv_2", Ops.conv(64, 1, 1, PadSpec.VALID))
                .add("gap", new Op.GlobalPool(Op.PoolKind.AVG))
                .build();
        String src = JavaGenerator.generate(big, "rows").get(0).source();
        assertTrue(src.contains("private static final boolean SAMPLES_IN_TURN = Parallel.common().threads() > 1;"), src);
        assertFalse(JavaGenerator.generate(net(), "rows").get(0).source().contains("SAMPLES_IN_TURN"),
                "a small workspace keeps a sample per thread");
        Model m = Jit.factory(big).init(4);
        Random r = new Random(9);
        float[] batch = Reference.random(r, 3 * 192 * 192 * 8);
        float[] out = new float[3 * 64];
        m.predict(batch, 3, out);
        for (int i = 0; i < 3; i++) {
            float[] one = m.predict(Arrays.copyOfRange(batch, i * 192 * 192 * 8, (i + 1) * 192 * 192 * 8));
            assertArrayEquals(one, Arrays.copyOfRange(out, i * 64, (i + 1) * 64), 0f, "sample " + i);
        }
    }

    @Test
    void splittingAllocatesNothing() {
        Model m = Jit.factory(net()).init(2);
        float[] x = Reference.random(new Random(1), 24 * 24 * 8);
        float[] out = new float[24 * 24 * 64];
        for (int i = 0; i < 300; i++) {
            m.predict(x, 1, out);
        }
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(id);
        for (int i = 0; i < 50; i++) {
            m.predict(x, 1, out);
        }
        long allocated = bean.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated < 1000, "allocated " + allocated + " bytes over 50 calls");
    }

    private static float[] positive(float[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.abs(v[i]) + 0.25f;
        }
        return v;
    }
}
