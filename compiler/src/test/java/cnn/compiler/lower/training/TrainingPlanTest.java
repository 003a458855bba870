package cnn.compiler.lower.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.PadSpec;
import cnn.compiler.graph.TrainSpec;
import cnn.compiler.testing.Ops;
import cnn.compiler.testing.TestNet;
import cnn.compiler.training.Nets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The training plan: the loss and where it attaches, what is kept, the flat layout, frozen layers. */
class TrainingPlanTest {

    private static final Activation SOFTMAX = Activation.of(Activation.Kind.SOFTMAX);
    private static final Activation SIGMOID = Activation.of(Activation.Kind.SIGMOID);

    private static TestNet classifier(String name) {
        return TestNet.input(name, 4, 4, 1)
                .add("conv_1", Ops.conv(2, 3, 1, PadSpec.SAME), Activation.of(Activation.Kind.RELU))
                .add("flatten_1", new Op.Flatten());
    }

    @Test
    void aFinalSoftmaxMeansCrossEntropyOnTheLogits() {
        TrainingPlan plan = TrainingPlan.lower(classifier("C").add("dense_1", Ops.dense(3), SOFTMAX).build());
        assertEquals(TrainSpec.Loss.CROSS_ENTROPY, plan.loss().kind());
        assertEquals("dense_1", plan.trained());
        assertEquals(SOFTMAX, plan.fused());
        TrainStep dense = plan.steps().get(plan.steps().size() - 1);
        assertTrue(dense.activation().isLinear(), "the softmax is left to the loss");
    }

    @Test
    void aStandaloneFinalSoftmaxBecomesAnAliasOfTheLogits() {
        TrainingPlan plan = TrainingPlan.lower(classifier("C").add("dense_1", Ops.dense(3))
                .add("softmax_1", new Op.Act(SOFTMAX)).build());
        assertEquals("dense_1", plan.trained());
        assertEquals("dense_1", plan.resolve("softmax_1"));
        assertEquals(List.of("conv_1", "dense_1"), plan.steps().stream().map(s -> s.node().name()).toList());
    }

    @Test
    void withoutAFinalSoftmaxTheDefaultIsMeanSquaredError() {
        TrainingPlan plan = TrainingPlan.lower(classifier("R").add("dense_1", Ops.dense(3), SIGMOID).build());
        assertEquals(TrainSpec.Loss.MSE, plan.loss().kind());
        assertTrue(plan.fused().isLinear(), "mse trains through the sigmoid");
        assertEquals(SIGMOID, plan.steps().get(plan.steps().size() - 1).activation());
    }

    @Test
    void binaryCrossEntropyFusesAFinalSigmoid() {
        TrainingPlan plan = TrainingPlan.lower(Nets.withLoss(
                classifier("B").add("dense_1", Ops.dense(3), SIGMOID).build(), TrainSpec.Loss.BCE));
        assertEquals(SIGMOID, plan.fused());
        assertTrue(plan.steps().get(plan.steps().size() - 1).activation().isLinear());
    }

    @Test
    void headsGiveTheirLossAndPassTheirInputThrough() {
        TrainingPlan localize = TrainingPlan.lower(classifier("L").add("dense_1", Ops.dense(7))
                .add("localize_1", new Op.Localize(2)).build());
        assertEquals(TrainSpec.Loss.LOCALIZATION, localize.loss().kind());
        assertEquals("dense_1", localize.trained());
        TrainingPlan landmarks = TrainingPlan.lower(classifier("M").add("dense_1", Ops.dense(5))
                .add("landmarks_1", new Op.Landmarks(2)).build());
        assertEquals(TrainSpec.Loss.LANDMARKS, landmarks.loss().kind());
        TrainingPlan yolo = TrainingPlan.lower(TestNet.input("Y", 4, 4, 1).add("conv_1", Ops.conv(7, 3, 2, PadSpec.SAME))
                .add("yolo_1", new Op.Yolo(2, List.of(new Op.Anchor(1, 1)))).build());
        assertEquals(TrainSpec.Loss.YOLO, yolo.loss().kind());
        assertEquals("yolo_1", yolo.loss().head().orElseThrow().name());
    }

    @Test
    void aWrittenLossWinsButAHeadLossNeedsItsHead() {
        TrainingPlan plan = TrainingPlan.lower(Nets.withLoss(
                classifier("W").add("dense_1", Ops.dense(3), SOFTMAX).build(), TrainSpec.Loss.MSE));
        assertEquals(TrainSpec.Loss.MSE, plan.loss().kind());
        assertTrue(plan.fused().isLinear());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingPlan.lower(
                Nets.withLoss(classifier("W").add("dense_1", Ops.dense(3)).build(), TrainSpec.Loss.YOLO)));
        assertEquals("model W: loss yolo needs the output dense_1 to be a yolo head", e.getMessage());
    }

    @Test
    void slidingWindowModelsAreRefused() {
        Network scanner = TestNet.input("Scanner", 6, 6, 1)
                .add("conv_1", Ops.conv(2, 3, 1, PadSpec.VALID))
                .add("dense_1", new Op.SlidingDense(3, 4, 4, 2, true)).weightsFrom("Detector").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingPlan.lower(scanner));
        assertEquals("model Scanner is a sliding window over Detector and is inference-only: train Detector "
                + "instead; Scanner loads its weights file", e.getMessage());
    }

    @Test
    void aFusedActivationThatAnotherLayerReadsIsRefused() {
        Network net = classifier("F").add("dense_1", Ops.dense(3), SOFTMAX)
                .add("dense_2", Ops.dense(2), Activation.LINEAR, "dense_1").outputs("dense_1", "dense_2").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingPlan.lower(net));
        assertTrue(e.getMessage().contains("layer dense_2 also reads dense_1"), e.getMessage());
    }

    @Test
    void theFirstGradientWriterInBackwardOrderAssignsAndTheOthersAdd() {
        TrainingPlan plan = TrainingPlan.lower(TestNet.input("R", 3, 3, 2)
                .add("conv_1", Ops.conv(2, 3, 1, PadSpec.SAME))
                .add("conv_2", Ops.conv(2, 3, 1, PadSpec.SAME))
                .add("add_1", new Op.Add(), Activation.LINEAR, "conv_2", "conv_1")
                .add("add_2", new Op.Add(), Activation.LINEAR, "add_1", "add_1").build());
        TrainStep add2 = plan.steps().get(3);
        assertEquals(List.of(true, false), add2.assignsGradient(), "add_1 read twice: assign, then add");
        TrainStep add1 = plan.steps().get(2);
        assertEquals(List.of(true, true), add1.assignsGradient());
        TrainStep conv2 = plan.steps().get(1);
        assertEquals(List.of(false), conv2.assignsGradient(), "add_1 wrote conv_1's gradient first");
    }

    @Test
    void layersTheLossDoesNotReachAreNotRunButKeepTheirWeights() {
        Network net = TestNet.input("Two", 3, 3, 1)
                .add("conv_1", Ops.conv(2, 3, 1, PadSpec.SAME))
                .add("a", Ops.conv(2, 1, 1, PadSpec.VALID))
                .add("b", Ops.conv(3, 1, 1, PadSpec.VALID), Activation.LINEAR, "conv_1")
                .outputs("a", "b").build();
        TrainingPlan plan = TrainingPlan.lower(net);
        assertEquals(List.of("conv_1", "a"), plan.steps().stream().map(s -> s.node().name()).toList());
        assertEquals(List.of("conv_1", "a", "b"), plan.layers().stream().map(TrainLayer::name).toList());
        assertEquals(net.nodes().stream().mapToLong(n -> n.params()).sum(), plan.parameterCount());
    }

    @Test
    void theFlatLayoutHoldsEveryTrainableTensorInFileOrderAndPacksWeights() {
        Network net = Nets.frozen(TestNet.input("P", 4, 4, 3)
                .add("conv_1", Ops.conv(5, 3, 1, PadSpec.SAME))
                .add("bn_1", new Op.BatchNorm(1e-5, 0.1))
                .add("flatten_1", new Op.Flatten())
                .add("dense_1", Ops.dense(2)).build(), "bn_1");
        TrainingPlan plan = TrainingPlan.lower(net);
        assertEquals(List.of("conv_1.weight", "conv_1.bias", "bn_1.weight", "bn_1.bias", "dense_1.weight",
                "dense_1.bias"), plan.params().stream().map(ParamTensor::name).toList());
        assertEquals(List.of(0, 135, 140, 145, 150, 310), plan.params().stream().map(ParamTensor::offset).toList());
        assertEquals(312, plan.parameterCount());
        assertEquals(List.of(5, 3, 3, 3), List.of(plan.params().get(0).packing().orElseThrow()[0],
                plan.params().get(0).packing().get()[1], plan.params().get(0).packing().get()[2],
                plan.params().get(0).packing().get()[3]));
        assertEquals(Optional.empty(), plan.params().get(1).packing());
        assertEquals(List.of(2, 80, 1, 1), java.util.Arrays.stream(plan.params().get(4).packing().orElseThrow())
                .boxed().toList());
        assertTrue(plan.layer("bn_1").orElseThrow().frozen());
        assertTrue(plan.layer("bn_1").get().batchNorm());
        assertFalse(plan.layer("conv_1").orElseThrow().frozen());
    }

    @Test
    void onlyTheMaxPoolWithAnActivationAndSwishKeepTheirInputs() {
        TrainingPlan plan = TrainingPlan.lower(TestNet.input("K", 4, 4, 1)
                .add("conv_1", Ops.conv(2, 3, 1, PadSpec.SAME), Activation.of(Activation.Kind.SWISH))
                .add("maxpool_1", Ops.maxpool(2, 2, PadSpec.VALID), Activation.of(Activation.Kind.RELU))
                .add("conv_2", Ops.conv(2, 1, 1, PadSpec.VALID), Activation.of(Activation.Kind.RELU))
                .add("maxpool_2", Ops.maxpool(2, 2, PadSpec.VALID)).build());
        assertEquals(List.of(true, true, false, false),
                plan.steps().stream().map(TrainStep::savesPreActivation).toList());
    }
}
