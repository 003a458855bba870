package cnn.runtime.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class NmsTest {

    private static Detection det(double x1, double y1, double x2, double y2, int cls, double score) {
        return new Detection(Box.corners(x1, y1, x2, y2), cls, score);
    }

    // Three boxes of one class, each of the lower two overlapping the best with IoU 90/110 = 0.82.
    private static final Detection A = det(0, 0, 10, 10, 0, 0.9);
    private static final Detection B = det(1, 0, 11, 10, 0, 0.8);
    private static final Detection C = det(0, 1, 10, 11, 0, 0.75);

    @Test
    void suppressesEveryOverlapEvenWhenTwoFollowEachOther() {
        assertEquals(List.of(A), Nms.apply(List.of(C, A, B), 0.7, 0.4));
    }

    @Test
    void theNotesSketchGetsThatCaseWrong() {
        // A literal port of the lecture notes' nms(): removing from the list being iterated
        // skips the element after each removal, so C survives.
        assertEquals(List.of(A, C), notesSketch(List.of(C, A, B), 0.7, 0.4));
    }

    @Test
    void classesAreSuppressedSeparately() {
        Detection other = det(0, 0, 10, 10, 1, 0.85);
        assertEquals(List.of(A, other), Nms.apply(List.of(A, B, other), 0.5, 0.4));
    }

    @Test
    void greedyChainKeepsTheFarEnd() {
        // far = [2, 0, 12, 10] overlaps B with IoU 90/110 = 0.82 but A only with 80/120 = 0.67.
        // At threshold 0.7, A suppresses B, and B, suppressed, no longer suppresses far.
        Detection far = det(2, 0, 12, 10, 0, 0.7);
        assertEquals(List.of(A, far), Nms.apply(List.of(far, B, A), 0.5, 0.7));
    }

    @Test
    void confidenceAndIouThresholdsAreStrict() {
        Detection low = det(50, 50, 60, 60, 0, 0.5);
        assertEquals(List.of(A), Nms.apply(List.of(A, low), 0.5, 0.4), "a score equal to the threshold is dropped");
        // IoU exactly 0.5: (0,0,10,10) and (0,0,10,5); kept at threshold 0.5, suppressed below it
        Detection half = det(0, 0, 10, 5, 0, 0.6);
        assertEquals(List.of(A, half), Nms.apply(List.of(A, half), 0.1, 0.5));
        assertEquals(List.of(A), Nms.apply(List.of(A, half), 0.1, 0.49));
        assertEquals(List.of(), Nms.apply(List.of(), 0.1, 0.5));
    }

    private static List<Detection> notesSketch(List<Detection> boxes, double confThreshold, double iouThreshold) {
        List<Detection> sorted = new ArrayList<>(boxes);
        sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> thresholded = new ArrayList<>();
        for (Detection d : sorted) {
            if (d.score() > confThreshold) {
                thresholded.add(d);
            }
        }
        List<Detection> out = new ArrayList<>();
        while (!thresholded.isEmpty()) {
            Detection current = thresholded.remove(0);
            out.add(current);
            // Python's "for box in list" walks an index over the live list.
            for (int i = 0; i < thresholded.size(); i++) {
                Detection box = thresholded.get(i);
                if (current.classId() == box.classId() && current.box().iou(box.box()) > iouThreshold) {
                    thresholded.remove(box);
                }
            }
        }
        return out;
    }
}
