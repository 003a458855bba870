package cnn.runtime.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cnn.runtime.detect.Anchor;
import cnn.runtime.detect.Box;
import cnn.runtime.detect.GroundTruth;
import cnn.runtime.detect.YoloGrid;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Target assignment worked by hand on a 64x64 image, a 2x2 grid of 32-pixel cells, two anchors. */
class YoloTargetsTest {

    private static final YoloGrid GRID = new YoloGrid(64, 64, 2, 2,
            List.of(new Anchor(16, 16), new Anchor(48, 24)), 3);

    @Test
    void boxGoesToTheCellOfItsCentreAndTheAnchorOfBestShapeIou() {
        // Centre (40, 10): column 40/32 → 1, row 10/32 → 0. Shape IoU with 16x16 is
        // 256/880 = 0.29, with 48x24 it is 880/1152 = 0.76: the second anchor.
        float[] target = new float[GRID.size()];
        int placed = YoloTargets.encode(GRID, List.of(new GroundTruth(Box.centre(40, 10, 44, 20), 2)), target, 0);
        assertEquals(1, placed);
        int at = GRID.index(0, 1, 1);
        assertEquals(24, at);
        float[] expected = {0.25f, 0.3125f, (float) Math.log(44 / 48.0), (float) Math.log(20 / 24.0), 1, 0, 0, 1};
        for (int k = 0; k < 8; k++) {
            assertEquals(expected[k], target[at + k], 1e-7, "value " + k);
        }
        float sum = 0;
        for (float v : target) {
            sum += Math.abs(v);
        }
        float ours = 0;
        for (int k = 0; k < 8; k++) {
            ours += Math.abs(target[at + k]);
        }
        assertEquals(ours, sum, 1e-6, "every other anchor stays zero");
    }

    @Test
    void centresOnBordersAndEdgesAndCollisions() {
        float[] target = new float[GRID.size()];
        List<GroundTruth> truths = List.of(
                // on the border between columns 0 and 1, rows 1: the cell right of and below it
                new GroundTruth(Box.centre(32, 48, 12, 14), 0),
                // on the image's bottom-right corner: the last cell, offset 1
                new GroundTruth(Box.centre(64, 64, 50, 20), 1),
                // a second box in cell (1, 1) that also fits the small anchor best: left out
                new GroundTruth(Box.centre(40, 40, 10, 10), 2));
        assertEquals(2, YoloTargets.encode(GRID, truths, target, 0));

        int border = GRID.index(1, 1, 0);
        assertEquals(0f, target[border]);
        assertEquals(0.5f, target[border + 1]);
        assertEquals(1f, target[border + YoloGrid.OBJECTNESS]);
        assertEquals(1f, target[border + YoloGrid.FIRST_CLASS]);

        int corner = GRID.index(1, 1, 1);
        assertEquals(1f, target[corner]);
        assertEquals(1f, target[corner + 1]);
        assertEquals(1f, target[corner + YoloGrid.FIRST_CLASS + 1]);

        List<GroundTruth> back = YoloTargets.decode(GRID, target, 0);
        assertEquals(2, back.size());
        assertBoxClose(truths.get(0).box(), back.get(0).box());
        assertEquals(0, back.get(0).classId());
        assertBoxClose(truths.get(1).box(), back.get(1).box());
        assertEquals(1, back.get(1).classId());
    }

    @Test
    void aBoxWhoseAnchorIsTakenGetsTheNextBestFreeAnchorOfItsCell() {
        // Both centres lie in cell (0, 0) and both boxes fit the 16x16 anchor best (14x14: IoU
        // 196/256 = 0.77 against 196/1152 = 0.17; 12x12: 144/256 = 0.56 against 144/1152 = 0.13).
        // The first takes it; the second takes the 48x24 anchor: tw = ln(12/48), th = ln(12/24).
        float[] target = new float[GRID.size()];
        List<GroundTruth> truths = List.of(new GroundTruth(Box.centre(10, 10, 14, 14), 0),
                new GroundTruth(Box.centre(20, 24, 12, 12), 1));
        assertEquals(2, YoloTargets.encode(GRID, truths, target, 0));
        int first = GRID.index(0, 0, 0);
        int second = GRID.index(0, 0, 1);
        float[] expected = {20 / 32f, 24 / 32f, (float) Math.log(12 / 48.0), (float) Math.log(12 / 24.0), 1, 0, 1, 0};
        for (int k = 0; k < 8; k++) {
            assertEquals(expected[k], target[second + k], 1e-7, "value " + k);
        }
        assertEquals(10 / 32f, target[first + YoloGrid.TX]);
        List<GroundTruth> back = YoloTargets.decode(GRID, target, 0);
        assertBoxClose(truths.get(0).box(), back.get(0).box());
        assertBoxClose(truths.get(1).box(), back.get(1).box());

        // a third box for the same cell finds both anchors taken and is left out
        List<GroundTruth> three = List.of(truths.get(0), truths.get(1), new GroundTruth(Box.centre(5, 5, 8, 8), 2));
        assertEquals(2, YoloTargets.encode(GRID, three, target, 0));
    }

    @Test
    void decodingAnOutputThatMatchesTheTargetGivesTheBoxBack() {
        // The loss drives σ(tx) towards tx* and tw towards tw*; an output that got there decodes
        // to the labelled box, so the encoding and YoloGrid's decoding agree.
        Box box = Box.centre(40, 10, 44, 20);
        float[] target = new float[GRID.size()];
        YoloTargets.encode(GRID, List.of(new GroundTruth(box, 2)), target, 0);
        float[] output = new float[GRID.size()];
        Arrays.fill(output, -8f);
        int at = GRID.index(0, 1, 1);
        output[at + YoloGrid.TX] = (float) logit(target[at + YoloGrid.TX]);
        output[at + YoloGrid.TY] = (float) logit(target[at + YoloGrid.TY]);
        output[at + YoloGrid.TW] = target[at + YoloGrid.TW];
        output[at + YoloGrid.TH] = target[at + YoloGrid.TH];
        output[at + YoloGrid.OBJECTNESS] = 8;
        output[at + YoloGrid.FIRST_CLASS + 2] = 8;
        var found = GRID.decode(output, 0, 0.5);
        assertEquals(1, found.size());
        assertEquals(2, found.get(0).classId());
        assertBoxClose(box, found.get(0).box());
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    @Test
    void writesAtAnOffsetAndClearsOldValues() {
        float[] target = new float[2 * GRID.size()];
        Arrays.fill(target, 7f);
        YoloTargets.encode(GRID, List.of(), target, GRID.size());
        for (int i = 0; i < GRID.size(); i++) {
            assertEquals(7f, target[i]);
            assertEquals(0f, target[GRID.size() + i]);
        }
    }

    @Test
    void refusesBoxesItCannotPlace() {
        float[] target = new float[GRID.size()];
        var outside = assertThrows(IllegalArgumentException.class, () -> YoloTargets.encode(GRID,
                List.of(new GroundTruth(Box.centre(70, 10, 4, 4), 0)), target, 0));
        assertEquals("yolo target: box Box[x1=68.0, y1=8.0, x2=72.0, y2=12.0] has its centre outside the 64x64 image",
                outside.getMessage());
        assertThrows(IllegalArgumentException.class, () -> YoloTargets.encode(GRID,
                List.of(new GroundTruth(Box.centre(10, 10, 0, 4), 0)), target, 0));
        assertThrows(IllegalArgumentException.class, () -> YoloTargets.encode(GRID,
                List.of(new GroundTruth(Box.centre(10, 10, 4, 4), 3)), target, 0));
        assertThrows(IllegalArgumentException.class, () -> YoloTargets.encode(GRID, List.of(), new float[10], 0));
    }

    @Test
    void bestAnchorPicksTheFirstOnATie() {
        List<Anchor> anchors = List.of(new Anchor(10, 20), new Anchor(20, 10));
        assertEquals(0, YoloTargets.bestAnchor(anchors, 10, 10));
        assertEquals(1, YoloTargets.bestAnchor(anchors, 30, 12));
    }

    private static void assertBoxClose(Box expected, Box actual) {
        assertEquals(expected.x1(), actual.x1(), 1e-4);
        assertEquals(expected.y1(), actual.y1(), 1e-4);
        assertEquals(expected.x2(), actual.x2(), 1e-4);
        assertEquals(expected.y2(), actual.y2(), 1e-4);
    }
}
