package cnn.runtime.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Non-max suppression per class, as the lecture notes describe it: drop detections whose
 * score is not above the confidence threshold, then, from the highest score down, keep a
 * detection and suppress every lower-scored detection of the same class that overlaps it with
 * an IoU above the IoU threshold.
 *
 * <p>The notes' Python sketch removes boxes from the list it is iterating over, which skips
 * the element after each removal, so a box overlapping the kept one can survive when it
 * directly follows another suppressed box. Here suppression is a flag per detection and
 * every pair is compared.
 */
public final class Nms {

    private Nms() {
    }

    /**
     * @return the kept detections, highest score first (ties keep their input order)
     */
    public static List<Detection> apply(List<Detection> detections, double confidenceThreshold, double iouThreshold) {
        List<Detection> sorted = new ArrayList<>();
        for (Detection d : detections) {
            if (d.score() > confidenceThreshold) {
                sorted.add(d);
            }
        }
        // List.sort is stable, so equal scores stay in input order and the result is repeatable.
        sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
        boolean[] suppressed = new boolean[sorted.size()];
        List<Detection> kept = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            if (suppressed[i]) {
                continue;
            }
            Detection best = sorted.get(i);
            kept.add(best);
            for (int j = i + 1; j < sorted.size(); j++) {
                Detection other = sorted.get(j);
                if (!suppressed[j] && other.classId() == best.classId()
                        && best.box().iou(other.box()) > iouThreshold) {
                    suppressed[j] = true;
                }
            }
        }
        return kept;
    }
}
