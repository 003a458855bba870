package cnn.compiler.codegen;

import static cnn.compiler.testing.Reference.assertClose;
import static cnn.compiler.testing.Reference.chw;
import static cnn.compiler.testing.Reference.hwc;

import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Init;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.PadSpec;
import cnn.compiler.graph.Padding;
import cnn.compiler.graph.Shape;
import cnn.compiler.graph.Window;
import cnn.compiler.testing.Jit;
import cnn.compiler.testing.Ops;
import cnn.compiler.testing.Reference;
import cnn.compiler.testing.TestNet;
import cnn.runtime.model.Model;
import cnn.runtime.model.ModelFactory;
import cnn.runtime.model.TensorInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every op of generated code against {@link Reference}: random weights and inputs, the
 * reference in double precision on channels-first arrays, compared element by element.
 */
class OpsAgainstReferenceTest {

    private static final double TOL = 1e-5;

    /** Runs {@code net} on a random sample and compares with {@code reference(input, weights)}. */
    private static void check(TestNet builder, Function<Case, double[]> reference) {
        Network net = builder.build();
        ModelFactory<? extends Model> f = Jit.factory(net);
        Random r = new Random(net.name().hashCode());
        Map<String, float[]> weights = new LinkedHashMap<>();
        for (TensorInfo t : f.tensorInfos()) {
            float[] v = Reference.random(r, t.size());
            if (t.name().endsWith(".running_var")) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.abs(v[i]) + 0.5f;
                }
            }
            weights.put(t.name(), v);
        }
        Shape.Grid in = net.input();
        float[] x = Reference.random(r, (int) in.elements());
        Model m = f.fromTensors(weights);
        double[] expected = reference.apply(new Case(chw(x, (int) in.h(), (int) in.w(), (int) in.c()), weights));
        assertClose(expected, m.predict(x), TOL);
    }

    private record Case(double[][][] x, Map<String, float[]> w) {
        float[] get(String name) {
            return w.get(name);
        }
    }

    private static int[] p(int t, int b, int l, int r) {
        return new int[] {t, b, l, r};
    }

    @Test
    void convValid() {
        check(TestNet.input("ConvValid", 5, 7, 3).add("conv_1", Ops.conv(4, 3, 1, PadSpec.VALID)),
                c -> hwc(Reference.conv(c.x(), c.get("conv_1.weight"), c.get("conv_1.bias"), 4, 3, 3, 1, 1, 1, 1,
                        p(0, 0, 0, 0), 1)));
    }

    @Test
    void convSameOddKernel() {
        check(TestNet.input("ConvSame3", 6, 6, 2).add("conv_1", Ops.conv(3, 3, 1, PadSpec.SAME)),
                c -> hwc(Reference.conv(c.x(), c.get("conv_1.weight"), c.get("conv_1.bias"), 3, 3, 3, 1, 1, 1, 1,
                        p(1, 1, 1, 1), 1)));
    }

    /** Even kernel, stride 1: total padding 3, the odd pixel at the end (bottom/right). */
    @Test
    void convSameEvenKernel() {
        check(TestNet.input("ConvSame4", 6, 5, 2).add("conv_1", Ops.conv(3, 4, 1, PadSpec.SAME)),
                c -> hwc(Reference.conv(c.x(), c.get("conv_1.weight"), c.get("conv_1.bias"), 3, 4, 4, 1, 1, 1, 1,
                        p(1, 2, 1, 2), 1)));
    }

    /** Stride 2 on an even input: ceil(8/2) = 4 outputs need (4−1)·2 + 3 − 8 = 1 pixel, at the bottom/right. */
    @Test
    void convSameStride2() {
        check(TestNet.input("ConvSameS2", 8, 7, 2).add("conv_1", Ops.conv(3, 3, 2, PadSpec.SAME)),
                c -> hwc(Reference.conv(c.x(), c.get("conv_1.weight"), c.get("conv_1.bias"), 3, 3, 3, 2, 2, 1, 1,
                        p(0, 1, 1, 1), 1)));
    }

    @Test
    void convExplicitAsymmetricPadding() {
        check(TestNet.input("ConvPad", 5, 5, 2).add("conv_1", Ops.conv(2, 3, 1, Ops.pad(2, 0, 1, 3))),
                c -> hwc(Reference.conv(c.x(), c.get("conv_1.weight"), c.get("conv_1.bias"), 2, 3, 3, 1, 1, 1, 1,
                        p(2, 0, 1, 3), 1)));
    }

    @Test
    void convDilatedRectangularStrided() {
        Window w = new Window(2, 3, 2, 1, 2, 3);
        check(TestNet.input("ConvDil", 9, 10, 3).add("conv_1", Ops.conv(4, w, Ops.pad(1, 1, 2, 0), 1, true)),
                c -> hwc(Reference.conv(c.x(), c.get("conv_1.weight"), c.get("conv_1.bias"), 4, 2, 3, 2, 1, 2, 3,
                        p(1, 1, 2, 0), 1)));
    }

    @Test
    void convGroupsWithoutBias() {
        check(TestNet.input("ConvGroups", 6, 6, 4).add("conv_1",
                        Ops.conv(6, Window.of(3, 3, 1), PadSpec.SAME, 2, false)),
                c -> hwc(Reference.conv(c.x(), c.get("conv_1.weight"), null, 6, 3, 3, 1, 1, 1, 1, p(1, 1, 1, 1), 2)));
    }

    @Test
    void pointwiseConvAndStridedOneByOne() {
        check(TestNet.input("Pointwise", 4, 5, 6)
                        .add("conv_1", Ops.conv(8, 1, 1, PadSpec.VALID), Activation.of(Activation.Kind.RELU))
                        .add("conv_2", Ops.conv(3, 1, 2, PadSpec.VALID)),
                c -> {
                    double[][][] y = Reference.conv(c.x(), c.get("conv_1.weight"), c.get("conv_1.bias"), 8, 1, 1, 1, 1,
                            1, 1, p(0, 0, 0, 0), 1);
                    y = Reference.activate("relu", y, 0);
                    return hwc(Reference.conv(y, c.get("conv_2.weight"), c.get("conv_2.bias"), 3, 1, 1, 2, 2, 1, 1,
                            p(0, 0, 0, 0), 1));
                });
    }

    @Test
    void depthwiseMultiplierOne() {
        check(TestNet.input("Dw1", 7, 7, 5).add("dw", Ops.dwconv(1, Window.of(3, 3, 2), PadSpec.SAME)),
                c -> hwc(Reference.depthwise(c.x(), c.get("dw.weight"), c.get("dw.bias"), 1, 3, 3, 2, 2, 1, 1,
                        p(1, 1, 1, 1))));
    }

    @Test
    void depthwiseMultiplierTwo() {
        check(TestNet.input("Dw2", 6, 6, 3).add("dw", Ops.dwconv(2, new Window(3, 3, 1, 1, 2, 2), PadSpec.SAME)),
                c -> hwc(Reference.depthwise(c.x(), c.get("dw.weight"), c.get("dw.bias"), 2, 3, 3, 1, 1, 2, 2,
                        p(2, 2, 2, 2))));
    }

    /** Max pooling pads with −∞ (a padded pixel never wins, even over negative values). */
    @Test
    void maxPoolWithPadding() {
        check(TestNet.input("MaxPad", 7, 6, 3).add("maxpool_1", Ops.maxpool(3, 2, PadSpec.SAME)),
                c -> hwc(Reference.maxPool(c.x(), 3, 3, 2, 2, p(1, 1, 0, 1))));
    }

    /** Average pooling divides by the real pixels under the window only. */
    @Test
    void avgPoolWithPadding() {
        check(TestNet.input("AvgPad", 5, 5, 2).add("avgpool_1", Ops.avgpool(3, 2, Ops.pad(1, 1, 1, 1))),
                c -> hwc(Reference.avgPool(c.x(), 3, 3, 2, 2, p(1, 1, 1, 1))));
    }

    @Test
    void globalPools() {
        check(TestNet.input("GlobalAvg", 4, 3, 5).add("g", new Op.GlobalPool(Op.PoolKind.AVG)),
                c -> Reference.globalPool(c.x(), false));
        check(TestNet.input("GlobalMax", 4, 3, 5).add("g", new Op.GlobalPool(Op.PoolKind.MAX)),
                c -> Reference.globalPool(c.x(), true));
    }

    /** Dense weights' input axis is in NHWC flatten order (H, W, C), which is what {@code hwc} gives. */
    @Test
    void flattenThenDense() {
        check(TestNet.input("Dense", 3, 4, 2).add("flatten_1", new Op.Flatten()).add("dense_1", Ops.dense(7),
                        Activation.of(Activation.Kind.TANH)).add("dense_2", new Op.Dense(3, false, Init.XAVIER)),
                c -> {
                    double[] h = Reference.dense(hwc(c.x()), c.get("dense_1.weight"), c.get("dense_1.bias"), 7);
                    for (int i = 0; i < h.length; i++) {
                        h[i] = Math.tanh(h[i]);
                    }
                    return Reference.dense(h, c.get("dense_2.weight"), null, 3);
                });
    }

    /** A batchnorm after a conv is folded into it; the result equals conv then batchnorm unfolded. */
    @Test
    void batchNormFoldedIntoConv() {
        check(TestNet.input("BnFolded", 5, 5, 3).add("conv_1", Ops.conv(4, Window.of(3, 3, 1), PadSpec.SAME, 1, false))
                        .add("bn", new Op.BatchNorm(1e-3, 0.1), Activation.of(Activation.Kind.RELU6)),
                c -> {
                    double[][][] y = Reference.conv(c.x(), c.get("conv_1.weight"), null, 4, 3, 3, 1, 1, 1, 1,
                            p(1, 1, 1, 1), 1);
                    y = Reference.batchNorm(y, c.get("bn.weight"), c.get("bn.bias"), c.get("bn.running_mean"),
                            c.get("bn.running_var"), 1e-3);
                    return hwc(Reference.activate("relu6", y, 0));
                });
    }

    @Test
    void batchNormFoldedIntoDepthwiseAndDense() {
        check(TestNet.input("BnFoldedDw", 4, 4, 3).add("dw", Ops.dwconv(2, Window.of(3, 3, 1), PadSpec.VALID))
                        .add("bn_1", new Op.BatchNorm(1e-5, 0.1)).add("flatten", new Op.Flatten())
                        .add("dense", Ops.dense(5)).add("bn_2", new Op.BatchNorm(1e-5, 0.1)),
                c -> {
                    double[][][] y = Reference.depthwise(c.x(), c.get("dw.weight"), c.get("dw.bias"), 2, 3, 3, 1, 1,
                            1, 1, p(0, 0, 0, 0));
                    y = Reference.batchNorm(y, c.get("bn_1.weight"), c.get("bn_1.bias"), c.get("bn_1.running_mean"),
                            c.get("bn_1.running_var"), 1e-5);
                    double[] d = Reference.dense(hwc(y), c.get("dense.weight"), c.get("dense.bias"), 5);
                    return hwc(Reference.batchNorm(Reference.vectorAsMap(d), c.get("bn_2.weight"), c.get("bn_2.bias"),
                            c.get("bn_2.running_mean"), c.get("bn_2.running_var"), 1e-5));
                });
    }

    /** After a pool nothing can absorb the batchnorm: it runs on its own. */
    @Test
    void batchNormStandalone() {
        check(TestNet.input("BnAlone", 4, 4, 3).add("maxpool_1", Ops.maxpool(2, 2, PadSpec.VALID))
                        .add("bn", new Op.BatchNorm(1e-5, 0.1), Activation.of(Activation.Kind.SWISH)),
                c -> {
                    double[][][] y = Reference.maxPool(c.x(), 2, 2, 2, 2, p(0, 0, 0, 0));
                    y = Reference.batchNorm(y, c.get("bn.weight"), c.get("bn.bias"), c.get("bn.running_mean"),
                            c.get("bn.running_var"), 1e-5);
                    return hwc(Reference.activate("swish", y, 0));
                });
    }

    @ParameterizedTest
    @EnumSource(Activation.Kind.class)
    void everyActivationOnAFeatureMap(Activation.Kind kind) {
        Activation a = kind == Activation.Kind.LEAKY ? new Activation(kind, 0.2f) : Activation.of(kind);
        String name = kind.name().toLowerCase(Locale.ROOT);
        // as a suffix of a conv, and as a standalone layer after it
        check(TestNet.input("ActSuffix" + kind, 3, 4, 5).add("conv_1", Ops.conv(4, 1, 1, PadSpec.VALID), a),
                c -> hwc(Reference.activate(name, Reference.conv(c.x(), c.get("conv_1.weight"), c.get("conv_1.bias"), 4,
                        1, 1, 1, 1, 1, 1, p(0, 0, 0, 0), 1), 0.2)));
        check(TestNet.input("ActAlone" + kind, 3, 4, 5).add("act", new Op.Act(a)),
                c -> hwc(Reference.activate(name, c.x(), 0.2)));
    }

    @Test
    void softmaxOnAVectorAfterDense() {
        check(TestNet.input("Softmax", 2, 2, 3).add("flatten", new Op.Flatten())
                        .add("dense", Ops.dense(6), Activation.of(Activation.Kind.SOFTMAX)),
                c -> Reference.softmax(Reference.dense(hwc(c.x()), c.get("dense.weight"), c.get("dense.bias"), 6)));
    }

    @Test
    void upsampleAndZeropad() {
        check(TestNet.input("Layout", 3, 2, 3).add("upsample_1", new Op.Upsample(2))
                        .add("zeropad_1", new Op.ZeroPad(new Padding(1, 2, 0, 3))),
                c -> hwc(Reference.zeroPad(Reference.upsample(c.x(), 2), p(1, 2, 0, 3))));
    }

    /** Concat of branches with different channels (in input order), then an add of three tensors. */
    @Test
    void concatAndAdd() {
        TestNet net = TestNet.input("Merge", 4, 4, 3)
                .add("a", Ops.conv(2, 1, 1, PadSpec.VALID), Activation.LINEAR, "input")
                .add("b", Ops.conv(3, 3, 1, PadSpec.SAME), Activation.LINEAR, "input")
                .add("concat_1", new Op.Concat(), Activation.LINEAR, "a", "b", "input")
                .add("c", Ops.conv(8, 1, 1, PadSpec.VALID), Activation.LINEAR, "concat_1")
                .add("d", Ops.conv(8, 3, 1, PadSpec.SAME), Activation.LINEAR, "concat_1")
                .add("add_1", new Op.Add(), Activation.of(Activation.Kind.RELU), "c", "d", "concat_1");
        check(net, k -> {
            double[][][] a = Reference.conv(k.x(), k.get("a.weight"), k.get("a.bias"), 2, 1, 1, 1, 1, 1, 1,
                    p(0, 0, 0, 0), 1);
            double[][][] b = Reference.conv(k.x(), k.get("b.weight"), k.get("b.bias"), 3, 3, 3, 1, 1, 1, 1,
                    p(1, 1, 1, 1), 1);
            double[][][] cat = Reference.concat(a, b, k.x());
            double[][][] c = Reference.conv(cat, k.get("c.weight"), k.get("c.bias"), 8, 1, 1, 1, 1, 1, 1,
                    p(0, 0, 0, 0), 1);
            double[][][] d = Reference.conv(cat, k.get("d.weight"), k.get("d.bias"), 8, 3, 3, 1, 1, 1, 1,
                    p(1, 1, 1, 1), 1);
            return hwc(Reference.activate("relu", Reference.add(Reference.add(c, d), cat), 0));
        });
    }

    /** Dropout is the identity at inference; heads pass their input through unchanged. */
    @Test
    void dropoutAndHeadsPassThrough() {
        check(TestNet.input("Heads", 2, 2, 2).add("flatten", new Op.Flatten()).add("dropout_1", new Op.Dropout(0.5))
                        .add("dense", Ops.dense(8)).add("localize", new Op.Localize(3)),
                c -> Reference.dense(hwc(c.x()), c.get("dense.weight"), c.get("dense.bias"), 8));
        check(TestNet.input("Yolo", 3, 3, 4).add("conv", Ops.conv(16, 1, 1, PadSpec.VALID))
                        .add("yolo", new Op.Yolo(3, List.of(new Op.Anchor(10, 14), new Op.Anchor(23, 27)))),
                c -> hwc(Reference.conv(c.x(), c.get("conv.weight"), c.get("conv.bias"), 16, 1, 1, 1, 1, 1, 1,
                        p(0, 0, 0, 0), 1)));
    }
}
