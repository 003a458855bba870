package cnn.runtime.train;

import cnn.runtime.data.Batch;
import cnn.runtime.detect.Box;
import cnn.runtime.detect.HeadOutputs;

/**
 * How often a {@code localize} model gets an image right, against targets
 * {@code [Pc, bx, by, bh, bw, c1 … cC]} (box as fractions of the image, classes one-hot, as
 * {@code shapes} gives them): an image without an object is right when the predicted presence is
 * below 0.5; one with an object when the presence is at least 0.5, the most likely class is the
 * object's, and the predicted box overlaps the true one with IoU at least 0.5. Presence and class
 * outputs are read as logits, as the head's default loss trains them.
 */
public final class LocalizationMetric implements Evaluation.Metric {

    /** The metric's name in logs and reports. */
    public static final String NAME = "correct@0.5";

    private final int classes;
    private long right;
    private long total;

    public LocalizationMetric(int classes) {
        this.classes = classes;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void reset() {
        right = 0;
        total = 0;
    }

    @Override
    public void add(float[] outputs, int outputSize, Batch batch) {
        float[] targets = batch.targets();
        for (int s = 0; s < batch.size(); s++) {
            int at = s * outputSize;
            HeadOutputs.Localization p = HeadOutputs.localization(outputs, at, classes, true);
            boolean present = targets[at] > 0.5f;
            boolean ok;
            if (!present) {
                ok = p.presence() < 0.5;
            } else {
                int trueClass = 0;
                for (int k = 1; k < classes; k++) {
                    if (targets[at + 5 + k] > targets[at + 5 + trueClass]) {
                        trueClass = k;
                    }
                }
                ok = p.presence() >= 0.5 && p.classId() == trueClass
                        && iou(p.bx(), p.by(), p.bw(), p.bh(), targets[at + 1], targets[at + 2], targets[at + 4],
                        targets[at + 3]) >= 0.5;
            }
            right += ok ? 1 : 0;
            total++;
        }
    }

    /** IoU of two centre-form boxes; a box with a negative size overlaps nothing. */
    static double iou(double cx, double cy, double w, double h, double tcx, double tcy, double tw, double th) {
        if (!(w >= 0) || !(h >= 0)) {
            return 0;
        }
        return Box.centre(cx, cy, w, h).iou(Box.centre(tcx, tcy, tw, th));
    }

    @Override
    public double value() {
        return total == 0 ? Double.NaN : (double) right / total;
    }
}
