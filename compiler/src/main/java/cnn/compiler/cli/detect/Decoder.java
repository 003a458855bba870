package cnn.compiler.cli.detect;

import cnn.runtime.detect.Box;
import cnn.runtime.detect.Detection;
import cnn.runtime.detect.HeadOutputs;
import cnn.runtime.detect.Nms;
import java.util.List;

/**
 * Reads a detection model's outputs for one image as findings in the model's input pixels.
 * The {@code localize} and {@code landmarks} heads give coordinates as fractions of the image
 * width and height, as {@code shapes} trains them, and their presence (and class) values as
 * logits, as their default loss trains them.
 */
final class Decoder {

    private Decoder() {
    }

    /**
     * @param outputs   every output of the model for the image ({@code predictAll})
     * @param threshold the score a finding must reach
     * @param iou       NMS suppresses same-class boxes overlapping a better one by more than this
     */
    static Findings decode(DetectionHeads heads, float[][] outputs, int h, int w, double threshold, double iou) {
        if (heads instanceof DetectionHeads.Yolo y) {
            float[][] grids = new float[y.outputs().size()][];
            for (int k = 0; k < grids.length; k++) {
                grids[k] = outputs[y.outputs().get(k)];
            }
            // Nms keeps scores above its threshold; decode keeps those reaching it: keep "reaching".
            List<Detection> all = y.heads().decode(grids, threshold);
            return new Findings.Boxes(Nms.apply(all, Math.nextDown(threshold), iou));
        } else if (heads instanceof DetectionHeads.Localize l) {
            return localization(outputs[0], l.classes(), h, w, threshold, true);
        }
        return landmarks(outputs[0], ((DetectionHeads.Landmarks) heads).count(), h, w, threshold, true);
    }

    /** {@code [Pc, bx, by, bh, bw, c…]}: one box when Pc·p(class) reaches the threshold. */
    static Findings localization(float[] out, int classes, int h, int w, double threshold, boolean logistic) {
        HeadOutputs.Localization l = HeadOutputs.localization(out, 0, classes, logistic);
        double score = l.presence() * l.classProbability();
        if (!(score >= threshold) || !(l.bw() >= 0) || !(l.bh() >= 0)) {
            return new Findings.Boxes(List.of());
        }
        Box box = Box.centre(l.bx() * w, l.by() * h, l.bw() * w, l.bh() * h);
        return new Findings.Boxes(List.of(new Detection(box, l.classId(), score)));
    }

    /** {@code [present, l1x, l1y, …]}: the points when the presence reaches the threshold. */
    static Findings landmarks(float[] out, int count, int h, int w, double threshold, boolean logistic) {
        HeadOutputs.Landmarks l = HeadOutputs.landmarks(out, 0, count, logistic);
        if (!(l.presence() >= threshold)) {
            return new Findings.Points(l.presence(), new double[0]);
        }
        double[] xy = l.points();
        for (int i = 0; i < xy.length; i++) {
            xy[i] *= i % 2 == 0 ? w : h;
        }
        return new Findings.Points(l.presence(), xy);
    }
}
