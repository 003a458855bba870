package cnn.runtime.loss;

import cnn.runtime.detect.Anchor;
import cnn.runtime.detect.Box;
import cnn.runtime.detect.GroundTruth;
import cnn.runtime.detect.YoloGrid;
import cnn.runtime.detect.YoloHeads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns labelled boxes into a YOLO target grid shaped like the head's output, and back; for a
 * model with several heads ({@link YoloHeads}), into their grids one after another per sample.
 *
 * <p>A box is assigned to the anchor whose shape fits it best, by the IoU of the two shapes
 * placed on the same centre (the first anchor on a tie; with several heads, the best over every
 * head's anchors, as YOLOv3 does), and to the cell of that anchor's grid that holds its centre (a
 * centre on a cell border belongs to the cell right of or below it; one on the image's right or
 * bottom edge to the last cell). That anchor's values become
 * <pre>
 *   [tx, ty, tw, th, objectness, c1 … cC] = [centre x / cellWidth − col, centre y / cellHeight − row,
 *                                            ln(width / anchor width), ln(height / anchor height), 1, one-hot]
 * </pre>
 * so that {@link YoloGrid}'s decoding, with σ(tx) in place of tx, gives the box back. Every other
 * anchor is all zeros (objectness 0: no object). When two boxes claim the same cell and anchor,
 * the first keeps it and the later one is left out (counted in the return value).
 */
public final class YoloTargets {

    private YoloTargets() {
    }

    /**
     * Writes one sample's target grid at {@code offset} of {@code target}.
     *
     * @return the number of boxes placed; fewer than given when boxes collide
     * @throws IllegalArgumentException naming the box that is empty, outside the image or of
     *                                  a class the head does not have
     */
    public static int encode(YoloGrid grid, List<GroundTruth> truths, float[] target, int offset) {
        return encode(YoloHeads.of(grid), truths, target, offset);
    }

    /** Writes one sample's targets of every head at {@code offset} of {@code target}; as {@link #encode(YoloGrid, List, float[], int)}. */
    public static int encode(YoloHeads heads, List<GroundTruth> truths, float[] target, int offset) {
        if (target.length < (long) offset + heads.size()) {
            throw new IllegalArgumentException("yolo target: needs " + heads.size() + " values from offset " + offset
                    + ", the array has " + target.length);
        }
        Arrays.fill(target, offset, offset + heads.size(), 0f);
        int placed = 0;
        for (GroundTruth truth : truths) {
            Box box = truth.box();
            check(heads, truth);
            YoloHeads.Slot slot = heads.bestAnchor(box.width(), box.height());
            YoloGrid grid = heads.grid(slot.head());
            int col = Math.min((int) Math.floor(box.centreX() / grid.cellWidth()), grid.cols() - 1);
            int row = Math.min((int) Math.floor(box.centreY() / grid.cellHeight()), grid.rows() - 1);
            int at = offset + heads.offset(slot.head()) + grid.index(row, col, slot.anchor());
            if (target[at + YoloGrid.OBJECTNESS] != 0) {
                continue;
            }
            Anchor a = grid.anchors().get(slot.anchor());
            target[at + YoloGrid.TX] = (float) (box.centreX() / grid.cellWidth() - col);
            target[at + YoloGrid.TY] = (float) (box.centreY() / grid.cellHeight() - row);
            target[at + YoloGrid.TW] = (float) Math.log(box.width() / a.width());
            target[at + YoloGrid.TH] = (float) Math.log(box.height() / a.height());
            target[at + YoloGrid.OBJECTNESS] = 1;
            if (grid.classes() > 0) {
                target[at + YoloGrid.FIRST_CLASS + truth.classId()] = 1;
            }
            placed++;
        }
        return placed;
    }

    /** The index of the anchor whose shape has the highest IoU with a box of this size. */
    public static int bestAnchor(List<Anchor> anchors, double width, double height) {
        int best = 0;
        double bestIou = -1;
        for (int a = 0; a < anchors.size(); a++) {
            double iou = Box.shapeIou(width, height, anchors.get(a).width(), anchors.get(a).height());
            if (iou > bestIou) {
                bestIou = iou;
                best = a;
            }
        }
        return best;
    }

    /** The boxes one sample's target grid holds (objectness above 0.5), in grid order. */
    public static List<GroundTruth> decode(YoloGrid grid, float[] target, int offset) {
        return decode(YoloHeads.of(grid), target, offset);
    }

    /** The boxes one sample's targets of every head hold, head by head in grid order. */
    public static List<GroundTruth> decode(YoloHeads heads, float[] target, int offset) {
        List<GroundTruth> out = new ArrayList<>();
        for (int h = 0; h < heads.count(); h++) {
            YoloGrid grid = heads.grid(h);
            int base = offset + heads.offset(h);
            for (int row = 0; row < grid.rows(); row++) {
                for (int col = 0; col < grid.cols(); col++) {
                    for (int a = 0; a < grid.anchors().size(); a++) {
                        int at = base + grid.index(row, col, a);
                        if (target[at + YoloGrid.OBJECTNESS] > 0.5f) {
                            out.add(new GroundTruth(targetBox(grid, target, at, row, col, a),
                                    targetClass(grid, target, at)));
                        }
                    }
                }
            }
        }
        return out;
    }

    static Box targetBox(YoloGrid grid, float[] target, int at, int row, int col, int anchor) {
        Anchor a = grid.anchors().get(anchor);
        return Box.centre((col + target[at + YoloGrid.TX]) * grid.cellWidth(),
                (row + target[at + YoloGrid.TY]) * grid.cellHeight(),
                a.width() * Math.exp(target[at + YoloGrid.TW]),
                a.height() * Math.exp(target[at + YoloGrid.TH]));
    }

    private static int targetClass(YoloGrid grid, float[] target, int at) {
        int best = 0;
        for (int k = 1; k < grid.classes(); k++) {
            if (target[at + YoloGrid.FIRST_CLASS + k] > target[at + YoloGrid.FIRST_CLASS + best]) {
                best = k;
            }
        }
        return best;
    }

    private static void check(YoloHeads heads, GroundTruth truth) {
        Box b = truth.box();
        if (!(b.width() > 0) || !(b.height() > 0)) {
            throw new IllegalArgumentException("yolo target: box " + b + " is empty");
        }
        if (!(b.centreX() >= 0 && b.centreX() <= heads.inputWidth() && b.centreY() >= 0
                && b.centreY() <= heads.inputHeight())) {
            throw new IllegalArgumentException("yolo target: box " + b + " has its centre outside the "
                    + heads.inputWidth() + "x" + heads.inputHeight() + " image");
        }
        int classes = Math.max(heads.classes(), 1);
        if (truth.classId() >= classes) {
            throw new IllegalArgumentException("yolo target: box " + b + " has class " + truth.classId()
                    + ", outside the classes 0.." + (classes - 1));
        }
    }
}
