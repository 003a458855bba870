package cnn.runtime.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.runtime.detect.Anchor;
import cnn.runtime.detect.Box;
import cnn.runtime.detect.GroundTruth;
import cnn.runtime.detect.YoloGrid;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class YoloLossTest {

    @Test
    void handWorkedSingleCell() {
        // 32x32 image, one cell, anchor 10x20, two classes. Box centre (8, 16), 10x10, class 1:
        // targets tx* = 0.25, ty* = 0.5, tw* = ln 1 = 0, th* = ln 0.5, objectness 1, [0, 1].
        YoloGrid grid = new YoloGrid(32, 32, 1, 1, List.of(new Anchor(10, 20)), 2);
        float[] target = new float[7];
        YoloTargets.encode(grid, List.of(new GroundTruth(Box.centre(8, 16, 10, 10), 1)), target, 0);
        float[] output = new float[7];
        float[] grad = new float[7];
        double ln2 = Math.log(2);
        // (σ(0) − 0.25)² + 0 + 0 + (0 − ln 0.5)² + bce(0, 1) + cross-entropy of equal logits
        double expected = 0.0625 + ln2 * ln2 + ln2 + ln2;
        assertEquals(expected, new YoloLoss(grid).loss(output, target, 1, grad), 1e-7);
        // d/dtx: 2 (σ − t) σ (1 − σ) = 2 · 0.25 · 0.25; d/dth: 2 (0 − ln 0.5); objectness σ − 1.
        assertArrayEquals(new float[] {0.125f, 0, 0, (float) (2 * ln2), -0.5f, 0.5f, -0.5f}, grad, 1e-6f);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        YoloGrid grid = new YoloGrid(48, 64, 2, 3, List.of(new Anchor(12, 12), new Anchor(30, 20)), 3);
        int n = 2;
        float[] target = new float[n * grid.size()];
        YoloTargets.encode(grid, List.of(new GroundTruth(Box.centre(10, 10, 14, 10), 0),
                new GroundTruth(Box.centre(50, 30, 28, 22), 2)), target, 0);
        YoloTargets.encode(grid, List.of(new GroundTruth(Box.centre(30, 40, 9, 15), 1)), target, grid.size());
        float[] output = GradientCheck.randomArray(new Random(3), n * grid.size(), 1);

        YoloLoss noIgnore = new YoloLoss(grid, new YoloLoss.Weights(2, 1, 0.5, 1.5, 1));
        int counted = GradientCheck.check((o, g) -> noIgnore.loss(o, target, n, g), output);
        // 3 responsible anchors with 8 values each, and the objectness of the other 21 anchors
        assertEquals(3 * 8 + 21, counted);

        // With the ignore rule on, finite differences hold where no prediction is near the threshold.
        YoloLoss ignoring = new YoloLoss(grid, new YoloLoss.Weights(1, 1, 1, 1, 0.07));
        double margin = ignoreMargin(grid, output, target, n, 0.07);
        assertTrue(margin > 0.01, "test data keeps away from the threshold: " + margin);
        int withIgnore = GradientCheck.check((o, g) -> ignoring.loss(o, target, n, g), output);
        // three unassigned predictions overlap a box with IoU 0.090, 0.110 and 0.119
        assertEquals(counted - 3, withIgnore);
    }

    @Test
    void anUnassignedAnchorThatAlreadyFitsABoxIsNotPushedToNoObject() {
        // One cell, anchors 10x10 and 30x30; the 10x10 box goes to the first anchor. The second
        // predicts centre (16, 16) and size 30·e^tw.
        YoloGrid grid = new YoloGrid(32, 32, 1, 1, List.of(new Anchor(10, 10), new Anchor(30, 30)), 1);
        float[] target = new float[grid.size()];
        YoloTargets.encode(grid, List.of(new GroundTruth(Box.centre(16, 16, 10, 10), 0)), target, 0);
        int second = grid.index(0, 0, 1);
        float[] output = new float[grid.size()];
        output[second + YoloGrid.OBJECTNESS] = 2;

        output[second + YoloGrid.TW] = (float) Math.log(1 / 3.0);
        output[second + YoloGrid.TH] = (float) Math.log(1 / 3.0);
        float[] grad = new float[grid.size()];
        new YoloLoss(grid).loss(output, target, 1, grad);
        assertEquals(0f, grad[second + YoloGrid.OBJECTNESS], "IoU 1 with the box: ignored");

        new YoloLoss(grid, new YoloLoss.Weights(1, 1, 1, 1, 1)).loss(output, target, 1, grad);
        assertEquals(sigmoid(2), grad[second + YoloGrid.OBJECTNESS], 1e-6, "ignoring turned off");

        output[second + YoloGrid.TW] = 0;
        output[second + YoloGrid.TH] = 0;
        new YoloLoss(grid).loss(output, target, 1, grad);
        assertEquals(sigmoid(2), grad[second + YoloGrid.OBJECTNESS], 1e-6, "30x30 has IoU 1/9 with it: pushed");
    }

    @Test
    void batchIsAveragedOverSamples() {
        YoloGrid grid = new YoloGrid(32, 32, 2, 2, List.of(new Anchor(8, 8)), 2);
        float[] one = new float[grid.size()];
        YoloTargets.encode(grid, List.of(new GroundTruth(Box.centre(5, 5, 6, 6), 1)), one, 0);
        float[] output = GradientCheck.randomArray(new Random(9), grid.size(), 1);
        YoloLoss loss = new YoloLoss(grid);
        double single = loss.loss(output, one, 1, null);
        float[] twice = new float[2 * grid.size()];
        float[] twiceTarget = new float[2 * grid.size()];
        System.arraycopy(output, 0, twice, 0, grid.size());
        System.arraycopy(output, 0, twice, grid.size(), grid.size());
        System.arraycopy(one, 0, twiceTarget, 0, grid.size());
        System.arraycopy(one, 0, twiceTarget, grid.size(), grid.size());
        assertEquals(single, loss.loss(twice, twiceTarget, 2, null), 1e-12);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** The smallest distance between the threshold and an unassigned anchor's best IoU. */
    private static double ignoreMargin(YoloGrid grid, float[] output, float[] target, int n, double threshold) {
        double margin = Double.POSITIVE_INFINITY;
        for (int s = 0; s < n; s++) {
            int base = s * grid.size();
            List<GroundTruth> truths = YoloTargets.decode(grid, target, base);
            for (int r = 0; r < grid.rows(); r++) {
                for (int c = 0; c < grid.cols(); c++) {
                    for (int a = 0; a < grid.anchors().size(); a++) {
                        int at = base + grid.index(r, c, a);
                        if (target[at + YoloGrid.OBJECTNESS] > 0.5f) {
                            continue;
                        }
                        Box box = grid.box(output, at, r, c, a);
                        double best = 0;
                        for (GroundTruth t : truths) {
                            best = Math.max(best, box.iou(t.box()));
                        }
                        margin = Math.min(margin, Math.abs(best - threshold));
                    }
                }
            }
        }
        return margin;
    }
}
