package cnn.compiler.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Init;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.PadSpec;
import cnn.compiler.graph.Padding;
import cnn.compiler.graph.TrainSpec;
import cnn.compiler.graph.Window;
import cnn.compiler.testing.Ops;
import cnn.compiler.testing.TestNet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The backward pass of every op, option and activation against central differences of the
 * forward pass, in double precision (see {@link GradientCheck}): weight, bias, batchnorm and
 * input gradients, with a batch of 2 or 3 so cross-sample terms (batchnorm) are exercised.
 */
class OpGradientTest {

    private static Activation act(Activation.Kind k) {
        return Activation.of(k);
    }

    private static void check(Network net) {
        check(net, 2, 1.0);
    }

    private static void check(Network net, int n, double inputScale) {
        int compared = new GradientCheck(net, n, 11).scaleInput(inputScale).run();
        assertTrue(compared > 10, "compared " + compared);
    }

    @Test
    void convValid() {
        check(TestNet.input("ConvValid", 5, 6, 2).add("conv_1", Ops.conv(3, 3, 1, PadSpec.VALID)).build());
    }

    @Test
    void convSameStride2OddKernelPadsTheOddPixelAtTheEnd() {
        // 7x6 at stride 2: rows pad 1 + 1, columns 0 + 1
        check(TestNet.input("ConvSame", 7, 6, 2).add("conv_1", Ops.conv(3, 3, 2, PadSpec.SAME)).build());
    }

    @Test
    void convSameEvenKernelStride2() {
        check(TestNet.input("ConvSameEven", 9, 8, 2).add("conv_1", Ops.conv(2, 4, 2, PadSpec.SAME)).build());
    }

    @Test
    void convExplicitPaddingAndUnequalStrides() {
        check(TestNet.input("ConvPad", 6, 5, 2)
                .add("conv_1", Ops.conv(3, new Window(3, 2, 2, 1, 1, 1), Ops.pad(1, 0, 2, 1), 1, true)).build());
    }

    @Test
    void convDilation() {
        check(TestNet.input("ConvDilated", 7, 7, 2)
                .add("conv_1", Ops.conv(2, new Window(3, 3, 1, 1, 2, 2), PadSpec.SAME, 1, true)).build());
    }

    @Test
    void convGroupsWithoutBias() {
        check(TestNet.input("ConvGroups", 5, 5, 4)
                .add("conv_1", Ops.conv(6, new Window(3, 3, 1, 1, 1, 1), Ops.pad(1, 1, 1, 1), 2, false)).build());
    }

    @Test
    void wideLayersSumTheirInputGradientInPartialSums() {
        // 10 and 9 output channels: four partial sums and a tail of two and one
        check(TestNet.input("Wide", 3, 3, 2)
                .add("conv_1", Ops.conv(10, 3, 1, PadSpec.SAME))
                .add("conv_2", Ops.conv(9, 1, 1, PadSpec.VALID))
                .add("flatten_1", new Op.Flatten())
                .add("dense_1", Ops.dense(9))
                .add("dense_2", Ops.dense(2)).build());
    }

    @Test
    void groupedPointwiseConv() {
        check(TestNet.input("GroupedPointwise", 3, 2, 6)
                .add("conv_1", Ops.conv(6, new Window(1, 1, 1, 1, 1, 1), PadSpec.VALID, 3, true)).build());
    }

    @Test
    void pointwiseConv() {
        check(TestNet.input("Pointwise", 3, 4, 3).add("conv_1", Ops.conv(4, 1, 1, PadSpec.VALID)).build());
    }

    @Test
    void constantKernelTrainsUnlessFrozen() {
        float[] sobel = {1, 0, -1, 2, 0, -2, 1, 0, -1};
        check(TestNet.input("Edge", 5, 5, 1)
                .add("edge", new Op.Conv(1, Window.of(3, 3, 1), PadSpec.VALID, 1, false, Init.HE, sobel))
                .add("conv_1", Ops.conv(2, 2, 1, PadSpec.VALID)).build());
    }

    @Test
    void depthwise() {
        check(TestNet.input("Depthwise", 5, 5, 3).add("dw", Ops.dwconv(1, Window.of(3, 3, 1), PadSpec.SAME)).build());
    }

    @Test
    void depthwiseMultiplier2Stride2() {
        check(TestNet.input("DepthwiseM2", 6, 5, 2).add("dw", Ops.dwconv(2, Window.of(3, 3, 2), PadSpec.SAME)).build());
    }

    @Test
    void dense() {
        check(TestNet.input("Dense", 2, 3, 2)
                .add("flatten_1", new Op.Flatten())
                .add("dense_1", Ops.dense(4))
                .add("dense_2", new Op.Dense(3, false, Init.HE)).build());
    }

    @Test
    void maxPoolWithPaddingAndOverlap() {
        check(TestNet.input("MaxPool", 7, 6, 2)
                .add("conv_1", Ops.conv(2, 1, 1, PadSpec.VALID))
                .add("maxpool_1", Ops.maxpool(3, 2, PadSpec.SAME)).build());
    }

    @Test
    void maxPoolAfterReluWithItsOwnActivation() {
        check(TestNet.input("MaxPoolRelu", 6, 6, 2)
                .add("conv_1", Ops.conv(2, 3, 1, PadSpec.SAME), act(Activation.Kind.RELU))
                .add("maxpool_1", Ops.maxpool(2, 2, PadSpec.VALID), act(Activation.Kind.TANH)).build());
    }

    @Test
    void avgPoolCountsOnlyRealPixels() {
        check(TestNet.input("AvgPool", 7, 6, 2)
                .add("conv_1", Ops.conv(2, 1, 1, PadSpec.VALID))
                .add("avgpool_1", Ops.avgpool(3, 2, Ops.pad(1, 1, 0, 1))).build());
    }

    @Test
    void avgPoolValid() {
        check(TestNet.input("AvgPoolValid", 6, 4, 2).add("avgpool_1", Ops.avgpool(2, 2, PadSpec.VALID))
                .add("conv_1", Ops.conv(2, 1, 1, PadSpec.VALID)).build());
    }

    @Test
    void globalPools() {
        check(TestNet.input("GlobalAvg", 4, 3, 3).add("conv_1", Ops.conv(4, 1, 1, PadSpec.VALID))
                .add("gap", new Op.GlobalPool(Op.PoolKind.AVG)).add("dense_1", Ops.dense(2)).build());
        check(TestNet.input("GlobalMax", 4, 3, 3).add("conv_1", Ops.conv(4, 1, 1, PadSpec.VALID))
                .add("gmp", new Op.GlobalPool(Op.PoolKind.MAX), act(Activation.Kind.SIGMOID))
                .add("dense_1", Ops.dense(2)).build());
    }

    @Test
    void batchNormOnAFeatureMapInTrainingMode() {
        check(TestNet.input("BatchNorm", 3, 4, 2)
                .add("conv_1", Ops.conv(3, 3, 1, PadSpec.SAME))
                .add("bn_1", new Op.BatchNorm(1e-5, 0.1), act(Activation.Kind.RELU))
                .add("conv_2", Ops.conv(2, 1, 1, PadSpec.VALID)).build(), 3, 1.0);
    }

    @Test
    void batchNormOnAVector() {
        check(TestNet.input("BatchNorm1d", 2, 2, 2)
                .add("flatten_1", new Op.Flatten())
                .add("dense_1", Ops.dense(3))
                .add("bn_1", new Op.BatchNorm(1e-3, 0.1))
                .add("dense_2", Ops.dense(2)).build(), 3, 1.0);
    }

    @Test
    void frozenBatchNormIsAnAffineMapOfItsRunningStatistics() {
        Network net = Nets.frozen(TestNet.input("FrozenBn", 3, 3, 2)
                .add("conv_1", Ops.conv(2, 3, 1, PadSpec.SAME))
                .add("bn_1", new Op.BatchNorm(1e-5, 0.1), act(Activation.Kind.TANH))
                .add("conv_2", Ops.conv(2, 1, 1, PadSpec.VALID)).build(), "bn_1");
        check(net, 3, 1.0);
    }

    @Test
    void dropoutWithItsMask() {
        check(TestNet.input("Dropout", 3, 3, 2)
                .add("conv_1", Ops.conv(3, 3, 1, PadSpec.SAME))
                .add("dropout_1", new Op.Dropout(0.3))
                .add("conv_2", Ops.conv(2, 1, 1, PadSpec.VALID)).build());
    }

    @Test
    void everyActivationAsASuffix() {
        for (Activation a : List.of(act(Activation.Kind.RELU), act(Activation.Kind.RELU6), act(Activation.Kind.LEAKY),
                new Activation(Activation.Kind.LEAKY, -0.2f), act(Activation.Kind.SIGMOID), act(Activation.Kind.TANH),
                act(Activation.Kind.SWISH), act(Activation.Kind.SOFTMAX))) {
            Network net = TestNet.input("Act", 3, 3, 2)
                    .add("conv_1", Ops.conv(4, 3, 1, PadSpec.SAME), a)
                    .add("conv_2", Ops.conv(2, 1, 1, PadSpec.VALID)).build();
            // inputs up to about ±10 so relu6 clips and the saturating functions bend
            check(net, 2, 4.0);
        }
    }

    @Test
    void standaloneActivationsAndSoftmaxOverAVector() {
        check(TestNet.input("Standalone", 2, 2, 3)
                .add("conv_1", Ops.conv(3, 1, 1, PadSpec.VALID))
                .add("swish_1", new Op.Act(act(Activation.Kind.SWISH)))
                .add("flatten_1", new Op.Flatten())
                .add("dense_1", Ops.dense(5))
                .add("softmax_1", new Op.Act(act(Activation.Kind.SOFTMAX)))
                .add("dense_2", Ops.dense(2)).build());
    }

    @Test
    void finalSoftmaxUnderMeanSquaredErrorIsDifferentiated() {
        check(Nets.withLoss(TestNet.input("SoftmaxMse", 2, 2, 2)
                .add("flatten_1", new Op.Flatten())
                .add("dense_1", Ops.dense(4), act(Activation.Kind.SOFTMAX)).build(), TrainSpec.Loss.MSE));
    }

    @Test
    void residualWithProjectionShortcut() {
        check(TestNet.input("Residual", 4, 4, 2)
                .add("conv_1", Ops.conv(3, 3, 1, PadSpec.SAME), act(Activation.Kind.RELU))
                .add("conv_2", Ops.conv(4, 3, 2, PadSpec.SAME), act(Activation.Kind.RELU))
                .add("conv_3", Ops.conv(4, 3, 1, PadSpec.SAME))
                .add("shortcut", Ops.conv(4, 1, 2, PadSpec.VALID), Activation.LINEAR, "conv_1")
                .add("add_1", new Op.Add(), act(Activation.Kind.RELU), "conv_3", "shortcut").build());
    }

    @Test
    void identityResidualReadsItsInputTwice() {
        check(TestNet.input("Identity", 3, 3, 2)
                .add("conv_1", Ops.conv(2, 3, 1, PadSpec.SAME))
                .add("conv_2", Ops.conv(2, 3, 1, PadSpec.SAME), act(Activation.Kind.TANH))
                .add("add_1", new Op.Add(), Activation.LINEAR, "conv_2", "conv_1")
                .add("add_2", new Op.Add(), Activation.LINEAR, "add_1", "add_1", "conv_1").build());
    }

    @Test
    void concatOfBranchesAndOfATensorWithItself() {
        check(TestNet.input("Concat", 3, 3, 2)
                .add("a", Ops.conv(2, 1, 1, PadSpec.VALID))
                .add("b", Ops.conv(3, 3, 1, PadSpec.SAME), Activation.LINEAR, "input")
                .add("concat_1", new Op.Concat(), act(Activation.Kind.SIGMOID), "a", "b", "a")
                .add("conv_1", Ops.conv(2, 1, 1, PadSpec.VALID)).build());
    }

    @Test
    void concatOfVectors() {
        check(TestNet.input("ConcatVectors", 2, 2, 1)
                .add("flatten_1", new Op.Flatten())
                .add("a", Ops.dense(2))
                .add("b", Ops.dense(3), Activation.LINEAR, "flatten_1")
                .add("concat_1", new Op.Concat(), Activation.LINEAR, "a", "b").build());
    }

    @Test
    void upsampleAndZeroPad() {
        check(TestNet.input("Layout", 3, 2, 2)
                .add("conv_1", Ops.conv(2, 1, 1, PadSpec.VALID))
                .add("upsample_1", new Op.Upsample(2))
                .add("zeropad_1", new Op.ZeroPad(new Padding(1, 0, 2, 1)), act(Activation.Kind.RELU6))
                .add("conv_2", Ops.conv(2, 3, 2, PadSpec.VALID)).build(), 2, 3.0);
    }

    @Test
    void headsPassValuesThrough() {
        check(TestNet.input("Localize", 3, 3, 1)
                .add("flatten_1", new Op.Flatten())
                .add("dense_1", Ops.dense(7))
                .add("localize_1", new Op.Localize(2)).build());
        check(TestNet.input("Landmarks", 3, 3, 1)
                .add("flatten_1", new Op.Flatten(), act(Activation.Kind.RELU))
                .add("dense_1", Ops.dense(5))
                .add("landmarks_1", new Op.Landmarks(2)).build());
        check(TestNet.input("Yolo", 4, 4, 2)
                .add("conv_1", Ops.conv(7, 3, 2, PadSpec.SAME))
                .add("yolo_1", new Op.Yolo(2, List.of(new Op.Anchor(2, 3)))).build());
    }
}
