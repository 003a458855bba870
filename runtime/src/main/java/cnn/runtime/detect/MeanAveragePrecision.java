package cnn.runtime.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Mean average precision over a dataset, PASCAL VOC style: a detection is a true positive when
 * its best-overlapping ground truth of the same class in the same image has IoU of at least the
 * threshold (0.5 for mAP@0.5) and was not already claimed by a higher-scored detection;
 * otherwise it is a false positive. Average precision is the area under the precision-recall
 * curve with all-point interpolation (precision made monotone from the right, summed at every
 * change of recall, as VOC 2010 onwards). The mean is over the classes that have ground truth;
 * a class with ground truth but no detections has AP 0.
 *
 * <p>Feed it image by image with {@link #add}; it keeps only a score and a hit flag per
 * detection. Matching per image in score order is the same as VOC's global score order,
 * because a detection's match depends only on higher-scored detections of its own image.
 */
public final class MeanAveragePrecision {

    private record Scored(double score, boolean truePositive) {
    }

    private final int classes;
    private final double iouThreshold;
    private final List<List<Scored>> scored = new ArrayList<>();
    private final long[] truths;

    public MeanAveragePrecision(int classes, double iouThreshold) {
        if (classes < 1) {
            throw new IllegalArgumentException("mAP: classes " + classes + " must be at least 1");
        }
        if (!(iouThreshold > 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("mAP: IoU threshold " + iouThreshold + " must be in (0, 1]");
        }
        this.classes = classes;
        this.iouThreshold = iouThreshold;
        this.truths = new long[classes];
        for (int c = 0; c < classes; c++) {
            scored.add(new ArrayList<>());
        }
    }

    /** mAP@0.5. */
    public MeanAveragePrecision(int classes) {
        this(classes, 0.5);
    }

    /** Adds one image: what the model detected in it and what is really there. */
    public void add(List<Detection> detections, List<GroundTruth> groundTruth) {
        for (GroundTruth g : groundTruth) {
            checkClass(g.classId(), "ground-truth box");
            truths[g.classId()]++;
        }
        List<Detection> sorted = new ArrayList<>(detections);
        sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
        boolean[] claimed = new boolean[groundTruth.size()];
        for (Detection d : sorted) {
            checkClass(d.classId(), "detection");
            int best = -1;
            double bestIou = -1;
            for (int g = 0; g < groundTruth.size(); g++) {
                GroundTruth truth = groundTruth.get(g);
                if (truth.classId() == d.classId()) {
                    double iou = d.box().iou(truth.box());
                    if (iou > bestIou) {
                        bestIou = iou;
                        best = g;
                    }
                }
            }
            boolean hit = best >= 0 && bestIou >= iouThreshold && !claimed[best];
            if (hit) {
                claimed[best] = true;
            }
            scored.get(d.classId()).add(new Scored(d.score(), hit));
        }
    }

    /** The class's average precision, or NaN when it has no ground truth. */
    public double averagePrecision(int classId) {
        checkClass(classId, "class");
        long positives = truths[classId];
        if (positives == 0) {
            return Double.NaN;
        }
        List<Scored> list = new ArrayList<>(scored.get(classId));
        list.sort(Comparator.comparingDouble(Scored::score).reversed());
        int n = list.size();
        double[] recall = new double[n + 2];
        double[] precision = new double[n + 2];
        long tp = 0;
        for (int i = 0; i < n; i++) {
            if (list.get(i).truePositive()) {
                tp++;
            }
            recall[i + 1] = (double) tp / positives;
            precision[i + 1] = (double) tp / (i + 1);
        }
        recall[n + 1] = 1;
        precision[n + 1] = 0;
        for (int i = n; i >= 0; i--) {
            precision[i] = Math.max(precision[i], precision[i + 1]);
        }
        double ap = 0;
        for (int i = 0; i <= n; i++) {
            if (recall[i + 1] != recall[i]) {
                ap += (recall[i + 1] - recall[i]) * precision[i + 1];
            }
        }
        return ap;
    }

    /** The mean of the classes' AP over those with ground truth; NaN when none has any. */
    public double mean() {
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < classes; c++) {
            double ap = averagePrecision(c);
            if (!Double.isNaN(ap)) {
                sum += ap;
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    private void checkClass(int classId, String what) {
        if (classId < 0 || classId >= classes) {
            throw new IllegalArgumentException("mAP: " + what + " has class " + classId + ", outside 0.."
                    + (classes - 1));
        }
    }
}
