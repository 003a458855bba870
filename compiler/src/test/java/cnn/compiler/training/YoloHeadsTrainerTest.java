package cnn.compiler.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.codegen.training.TrainerJit;
import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.PadSpec;
import cnn.compiler.lower.training.TrainingPlan;
import cnn.compiler.testing.Ops;
import cnn.compiler.testing.TestNet;
import cnn.runtime.detect.Anchor;
import cnn.runtime.detect.Box;
import cnn.runtime.detect.GroundTruth;
import cnn.runtime.detect.YoloGrid;
import cnn.runtime.detect.YoloHeads;
import cnn.runtime.kernels.Parallel;
import cnn.runtime.loss.YoloLoss;
import cnn.runtime.loss.YoloTargets;
import cnn.runtime.model.Model;
import cnn.runtime.train.Targets;
import cnn.runtime.train.TrainableModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A model with two yolo heads (YOLOv3-tiny's layout in miniature: a coarse head on a deep branch
 * and a fine head on a shallower one, sharing a trunk) trains both as one detector.
 */
class YoloHeadsTrainerTest {

    private static final Activation RELU = Activation.of(Activation.Kind.RELU);

    /** 8x8x1 → trunk → 2x2 head (one 6x6 anchor, 2 classes) and 4x4 head (anchors 2x2 and 3x3). */
    static Network twoHeads() {
        return TestNet.input("TwoHeads", 8, 8, 1)
                .add("trunk", Ops.conv(3, 3, 1, PadSpec.SAME), RELU)
                .add("conv_a", Ops.conv(7, 3, 4, PadSpec.SAME), Activation.LINEAR, "trunk")
                .add("yolo_1", new Op.Yolo(2, List.of(new Op.Anchor(6, 6))))
                .add("conv_b", Ops.conv(14, 3, 2, PadSpec.SAME), Activation.LINEAR, "trunk")
                .add("yolo_2", new Op.Yolo(2, List.of(new Op.Anchor(2, 2), new Op.Anchor(3, 3))))
                .outputs("yolo_1", "yolo_2")
                .build();
    }

    private static final YoloHeads HEADS = new YoloHeads(List.of(
            new YoloGrid(8, 8, 2, 2, List.of(new Anchor(6, 6)), 2),
            new YoloGrid(8, 8, 4, 4, List.of(new Anchor(2, 2), new Anchor(3, 3)), 2)));

    @Test
    void thePlanTrainsBothHeads() {
        TrainingPlan plan = TrainingPlan.lower(twoHeads());
        assertEquals(List.of("conv_a", "conv_b"), plan.trainedOutputs());
        assertEquals(2, plan.loss().heads().size());
        assertEquals(2 * 2 * 7 + 4 * 4 * 14, plan.outputSize());
        assertEquals(HEADS.size(), plan.outputSize());
    }

    @Test
    void backwardMatchesCentralDifferencesThroughBothHeads() {
        // L = Σ r·y over both heads' grids gathered per sample: every trunk weight gets gradient
        // from both heads, each head's conv from its own.
        int compared = new GradientCheck(twoHeads(), 3, 7).run();
        assertEquals(3 * 9 + 3 + 7 * 27 + 7 + 14 * 27 + 14 + 3 * 64, compared, "every parameter and input value");
    }

    @Test
    void theLossIsTheRuntimeYoloLossOverBothHeadsOfTheModelsOutputs() {
        TrainerJit.Compiled c = Trainers.compile(twoHeads());
        Model model = c.model().init(4);
        TrainableModel t = c.trainer().create(model.tensors(), 2, new Parallel(2));
        assertEquals(HEADS.size(), t.outputSize());
        float[] x = new float[2 * 64];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.cos(0.7 * i);
        }
        float[] target = new float[2 * HEADS.size()];
        YoloTargets.encode(HEADS, List.of(new GroundTruth(Box.centre(5, 2, 6, 5), 1),
                new GroundTruth(Box.centre(2, 6, 2, 2), 0)), target, 0);
        YoloTargets.encode(HEADS, List.of(new GroundTruth(Box.centre(4, 4, 3, 3), 1)), target, HEADS.size());

        // what the trainer's forward writes: each sample's yolo_1 grid, then its yolo_2 grid
        float[] out = new float[2 * HEADS.size()];
        float loss = t.evaluate(x, Targets.values(target), 2, out);
        float[] expected = new float[2 * HEADS.size()];
        for (int s = 0; s < 2; s++) {
            float[] sample = new float[64];
            System.arraycopy(x, s * 64, sample, 0, 64);
            float[][] all = model.predictAll(sample);
            System.arraycopy(all[0], 0, expected, s * HEADS.size(), 28);
            System.arraycopy(all[1], 0, expected, s * HEADS.size() + 28, 224);
        }
        assertArrayEquals(expected, out, 1e-6f);
        double runtime = new YoloLoss(HEADS).loss(expected, target, 2, null);
        assertEquals(runtime, loss, 1e-5);
        assertEquals(loss, t.computeGradients(x, Targets.values(target), 2), 1e-5,
                "no batchnorm or dropout: the training pass sees the same loss");

        float first = t.step(x, Targets.values(target), 2);
        float last = first;
        t.setLearningRate(0.05);
        for (int i = 0; i < 60; i++) {
            last = t.step(x, Targets.values(target), 2);
        }
        assertTrue(last < 0.5 * first, "both heads learn: " + first + " -> " + last);
    }
}
