package cnn.runtime.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code yolo} heads of one model read together, as YOLOv3 reads its scales: per sample the
 * grids one after another (head 0's {@code rows x cols x A·(5 + C)} values, then head 1's, …).
 * This is the layout of a detection model's training target and of its trainer's output, so one
 * loss and one target encoder serve a model with one head or several. Every head sees the same
 * input image and has the same classes; each has its own grid and anchors.
 */
public record YoloHeads(List<YoloGrid> grids) {

    /** Where a box goes: a head and one of its anchors. */
    public record Slot(int head, int anchor) {
    }

    public YoloHeads {
        grids = List.copyOf(grids);
        if (grids.isEmpty()) {
            throw new IllegalArgumentException("yolo: a model needs at least one yolo head");
        }
        YoloGrid first = grids.get(0);
        for (YoloGrid g : grids) {
            if (g.inputHeight() != first.inputHeight() || g.inputWidth() != first.inputWidth()) {
                throw new IllegalArgumentException("yolo: heads read images of " + first.inputHeight() + "x"
                        + first.inputWidth() + " and " + g.inputHeight() + "x" + g.inputWidth()
                        + "; the heads of one model see the same input");
            }
            if (g.classes() != first.classes()) {
                throw new IllegalArgumentException("yolo: one head has " + first.classes() + " classes and another "
                        + g.classes() + "; the heads of one model must agree");
            }
        }
    }

    /** A model with one head. */
    public static YoloHeads of(YoloGrid grid) {
        return new YoloHeads(List.of(grid));
    }

    public int count() {
        return grids.size();
    }

    public YoloGrid grid(int head) {
        return grids.get(head);
    }

    public int classes() {
        return grids.get(0).classes();
    }

    public int inputHeight() {
        return grids.get(0).inputHeight();
    }

    public int inputWidth() {
        return grids.get(0).inputWidth();
    }

    /** Values per sample, every head's grid. */
    public int size() {
        int n = 0;
        for (YoloGrid g : grids) {
            n += g.size();
        }
        return n;
    }

    /** Where head {@code head}'s grid starts within one sample. */
    public int offset(int head) {
        int n = 0;
        for (int h = 0; h < head; h++) {
            n += grids.get(h).size();
        }
        return n;
    }

    /**
     * The anchor, over every head, whose shape fits a box of this size best by the IoU of the two
     * shapes on one centre (the first on a tie, heads in order): YOLOv3 gives each box to one
     * anchor of one scale.
     */
    public Slot bestAnchor(double width, double height) {
        Slot best = null;
        double bestIou = -1;
        for (int h = 0; h < grids.size(); h++) {
            List<Anchor> anchors = grids.get(h).anchors();
            for (int a = 0; a < anchors.size(); a++) {
                double iou = Box.shapeIou(width, height, anchors.get(a).width(), anchors.get(a).height());
                if (iou > bestIou) {
                    bestIou = iou;
                    best = new Slot(h, a);
                }
            }
        }
        return best;
    }

    /**
     * Every anchor of every head of one sample whose score reaches {@code scoreThreshold}; run
     * {@link Nms} on the result.
     *
     * @param values the heads' grids one after another from {@code offset}, as {@link #size()} counts
     */
    public List<Detection> decode(float[] values, int offset, double scoreThreshold) {
        List<Detection> out = new ArrayList<>();
        for (int h = 0; h < grids.size(); h++) {
            out.addAll(grids.get(h).decode(values, offset + offset(h), scoreThreshold));
        }
        return out;
    }

    /**
     * As {@link #decode(float[], int, double)} from one array per head, as a model's
     * {@code predictAll} gives them for one sample.
     */
    public List<Detection> decode(float[][] perHead, double scoreThreshold) {
        if (perHead.length != grids.size()) {
            throw new IllegalArgumentException("yolo: " + perHead.length + " outputs for " + grids.size() + " heads");
        }
        List<Detection> out = new ArrayList<>();
        for (int h = 0; h < grids.size(); h++) {
            out.addAll(grids.get(h).decode(perHead[h], 0, scoreThreshold));
        }
        return out;
    }
}
