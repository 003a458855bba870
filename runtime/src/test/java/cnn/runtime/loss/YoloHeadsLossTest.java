package cnn.runtime.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.runtime.detect.Anchor;
import cnn.runtime.detect.Box;
import cnn.runtime.detect.GroundTruth;
import cnn.runtime.detect.YoloGrid;
import cnn.runtime.detect.YoloHeads;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Two heads as YOLOv3-tiny has them, worked by hand on a 64x64 image with one class: a coarse
 * 2x2 grid (32-pixel cells) with the large anchors 40x40 and 56x24, and a fine 4x4 grid (16-pixel
 * cells) with the small anchors 8x8 and 16x12. Per anchor 5 + 1 = 6 values: the coarse grid has
 * 2·2·2·6 = 48 values and comes first, the fine grid's 4·4·2·6 = 192 follow.
 */
class YoloHeadsLossTest {

    private static final YoloGrid COARSE = new YoloGrid(64, 64, 2, 2, List.of(new Anchor(40, 40), new Anchor(56, 24)), 1);
    private static final YoloGrid FINE = new YoloGrid(64, 64, 4, 4, List.of(new Anchor(8, 8), new Anchor(16, 12)), 1);
    private static final YoloHeads HEADS = new YoloHeads(List.of(COARSE, FINE));

    /** A small box centred at (20, 44), 10x8. */
    private static final GroundTruth SMALL = new GroundTruth(Box.centre(20, 44, 10, 8), 0);
    /** A large box centred at (50, 20), 50x30. */
    private static final GroundTruth LARGE = new GroundTruth(Box.centre(50, 20, 50, 30), 0);

    @Test
    void layoutPutsTheGridsOneAfterAnother() {
        assertEquals(48, COARSE.size());
        assertEquals(192, FINE.size());
        assertEquals(240, HEADS.size());
        assertEquals(0, HEADS.offset(0));
        assertEquals(48, HEADS.offset(1));
    }

    @Test
    void eachBoxGoesToTheBestAnchorOverBothHeads() {
        // SMALL (10x8): shape IoU with 40x40 is 80/1600 = 0.05, with 56x24 80/1344 = 0.06, with
        // 8x8 64/80 = 0.8, with 16x12 80/192 = 0.42: the fine head's first anchor. Its centre is in
        // the fine grid's column 20/16 → 1, row 44/16 → 2, at offsets 0.25 and 0.75.
        // LARGE (50x30): with 40x40 1200/1900 = 0.63, with 56x24 1200/1644 = 0.73, with the small
        // anchors at most 192/1500: the coarse head's second anchor, column 50/32 → 1, row 0,
        // offsets 0.5625 and 0.625.
        assertEquals(new YoloHeads.Slot(1, 0), HEADS.bestAnchor(10, 8));
        assertEquals(new YoloHeads.Slot(0, 1), HEADS.bestAnchor(50, 30));

        float[] target = new float[HEADS.size()];
        assertEquals(2, YoloTargets.encode(HEADS, List.of(SMALL, LARGE), target, 0));
        int small = 48 + FINE.index(2, 1, 0);
        assertEquals(48 + 108, small);
        assertValues(target, small, 0.25f, 0.75f, (float) Math.log(10 / 8.0), 0f, 1f, 1f);
        int large = COARSE.index(0, 1, 1);
        assertEquals(18, large);
        assertValues(target, large, 0.5625f, 0.625f, (float) Math.log(50 / 56.0), (float) Math.log(30 / 24.0), 1f, 1f);
        float others = 0;
        for (int i = 0; i < target.length; i++) {
            if ((i < large || i >= large + 6) && (i < small || i >= small + 6)) {
                others += Math.abs(target[i]);
            }
        }
        assertEquals(0f, others, "every other anchor of both heads stays zero");

        List<GroundTruth> back = YoloTargets.decode(HEADS, target, 0);
        assertEquals(2, back.size());
        assertBoxClose(LARGE.box(), back.get(0).box()); // the coarse head comes first
        assertBoxClose(SMALL.box(), back.get(1).box());
    }

    @Test
    void withoutTheIgnoreRuleTheLossIsTheSumOfTheHeadsLosses() {
        int n = 2;
        float[] target = new float[n * HEADS.size()];
        YoloTargets.encode(HEADS, List.of(SMALL, LARGE), target, 0);
        YoloTargets.encode(HEADS, List.of(new GroundTruth(Box.centre(30, 30, 14, 12), 0)), target, HEADS.size());
        float[] output = GradientCheck.randomArray(new Random(5), n * HEADS.size(), 1);
        YoloLoss.Weights weights = new YoloLoss.Weights(2, 1, 0.5, 1.5, 1);

        double both = new YoloLoss(HEADS, weights).loss(output, target, n, null);
        double separately = 0;
        for (int h = 0; h < 2; h++) {
            YoloGrid grid = HEADS.grid(h);
            float[] o = new float[n * grid.size()];
            float[] t = new float[n * grid.size()];
            for (int s = 0; s < n; s++) {
                System.arraycopy(output, s * HEADS.size() + HEADS.offset(h), o, s * grid.size(), grid.size());
                System.arraycopy(target, s * HEADS.size() + HEADS.offset(h), t, s * grid.size(), grid.size());
            }
            separately += new YoloLoss(grid, weights).loss(o, t, n, null);
        }
        assertEquals(separately, both, 1e-9);
        int counted = GradientCheck.check((o, g) -> new YoloLoss(HEADS, weights).loss(o, target, n, g), output);
        // 3 responsible anchors with 5 values each (the one class's cross-entropy is always 0),
        // and the objectness of the other 2·(8 + 32) − 3 anchors
        assertEquals(3 * 5 + 77, counted);
    }

    @Test
    void theIgnoreRuleSeesBoxesAssignedToTheOtherHead() {
        // An unassigned coarse anchor predicts SMALL exactly (cell (1, 0): centre (0 + 0.625)·32 =
        // 20, (1 + 0.375)·32 = 44; size 40·10/40 x 40·8/40), and an unassigned fine anchor predicts
        // LARGE exactly (cell (1, 3): (3 + 0.125)·16 = 50, (1 + 0.25)·16 = 20; 16·50/16 x 12·30/12).
        // Each box belongs to the other head, yet with IoU 1 neither prediction is pushed to "no
        // object".
        float[] target = new float[HEADS.size()];
        YoloTargets.encode(HEADS, List.of(SMALL, LARGE), target, 0);
        float[] output = new float[HEADS.size()];
        int coarse = COARSE.index(1, 0, 0);
        set(output, coarse, logit(0.625), logit(0.375), Math.log(10 / 40.0), Math.log(8 / 40.0));
        int fine = 48 + FINE.index(1, 3, 1);
        set(output, fine, logit(0.125), logit(0.25), Math.log(50 / 16.0), Math.log(30 / 12.0));
        assertEquals(1, COARSE.box(output, coarse, 1, 0, 0).iou(SMALL.box()), 1e-6);
        assertEquals(1, FINE.box(output, fine, 1, 3, 1).iou(LARGE.box()), 1e-6);

        float[] grad = new float[HEADS.size()];
        new YoloLoss(HEADS).loss(output, target, 1, grad);
        assertEquals(0f, grad[coarse + YoloGrid.OBJECTNESS]);
        assertEquals(0f, grad[fine + YoloGrid.OBJECTNESS]);
        new YoloLoss(HEADS, new YoloLoss.Weights(1, 1, 1, 1, 1)).loss(output, target, 1, grad);
        double pushed = 1 / (1 + Math.exp(-3));
        assertEquals(pushed, grad[coarse + YoloGrid.OBJECTNESS], 1e-6, "ignoring turned off");
        assertEquals(pushed, grad[fine + YoloGrid.OBJECTNESS], 1e-6, "ignoring turned off");
    }

    /** Box values and an objectness logit of 3 for the anchor at {@code at}. */
    private static void set(float[] output, int at, double tx, double ty, double tw, double th) {
        output[at + YoloGrid.TX] = (float) tx;
        output[at + YoloGrid.TY] = (float) ty;
        output[at + YoloGrid.TW] = (float) tw;
        output[at + YoloGrid.TH] = (float) th;
        output[at + YoloGrid.OBJECTNESS] = 3;
    }

    @Test
    void headsMustShareTheImageAndTheClasses() {
        YoloGrid otherImage = new YoloGrid(32, 64, 2, 2, List.of(new Anchor(8, 8)), 1);
        YoloGrid otherClasses = new YoloGrid(64, 64, 2, 2, List.of(new Anchor(8, 8)), 2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new YoloHeads(List.of(COARSE, otherImage)))
                .getMessage().contains("64x64 and 32x64"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new YoloHeads(List.of(COARSE, otherClasses)))
                .getMessage().contains("1 classes and another 2"));
        assertThrows(IllegalArgumentException.class, () -> new YoloHeads(List.of()));
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    private static void assertValues(float[] target, int at, float... expected) {
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], target[at + k], 1e-6, "value " + k + " at " + at);
        }
    }

    private static void assertBoxClose(Box expected, Box actual) {
        assertEquals(expected.x1(), actual.x1(), 1e-4);
        assertEquals(expected.y1(), actual.y1(), 1e-4);
        assertEquals(expected.x2(), actual.x2(), 1e-4);
        assertEquals(expected.y2(), actual.y2(), 1e-4);
    }
}
