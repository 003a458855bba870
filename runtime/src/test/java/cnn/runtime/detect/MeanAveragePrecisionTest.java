package cnn.runtime.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MeanAveragePrecisionTest {

    private static Detection det(Box b, int cls, double score) {
        return new Detection(b, cls, score);
    }

    private static GroundTruth truth(Box b, int cls) {
        return new GroundTruth(b, cls);
    }

    private static final Box G1 = Box.corners(0, 0, 10, 10);
    private static final Box G2 = Box.corners(20, 20, 30, 30);
    private static final Box G3 = Box.corners(5, 5, 15, 15);

    @Test
    void handWorkedPrecisionRecallCurve() {
        // Image 1 holds G1 and G2, image 2 holds G3, all class 0: three positives.
        // By score: 0.9 on G1 (TP), 0.8 on G1 again (duplicate: FP), 0.7 on nothing (FP),
        // 0.6 on G3 (TP), 0.5 on G2 with IoU 0.4 (FP).
        // recall    1/3  1/3  1/3  2/3  2/3
        // precision 1    1/2  1/3  1/2  2/5
        // all-point: precision made monotone from the right is 1 up to recall 1/3 and 1/2 up to
        // 2/3, nothing after: AP = 1/3 · 1 + 1/3 · 1/2 = 1/2.
        MeanAveragePrecision map = new MeanAveragePrecision(1);
        Box partlyG2 = Box.corners(20, 20, 30, 24); // 40 of 100 → IoU 0.4
        map.add(List.of(det(G1, 0, 0.9), det(Box.corners(1, 0, 11, 10), 0, 0.8),
                det(Box.corners(50, 50, 60, 60), 0, 0.7), det(partlyG2, 0, 0.5)),
                List.of(truth(G1, 0), truth(G2, 0)));
        map.add(List.of(det(G3, 0, 0.6)), List.of(truth(G3, 0)));
        assertEquals(0.5, map.averagePrecision(0), 1e-12);
        assertEquals(0.5, map.mean(), 1e-12);
    }

    @Test
    void aDetectionWhoseBestTruthIsTakenIsFalseEvenIfAnotherTruthFits() {
        // Truths A and B overlap; the second detection overlaps A by 0.905 and B by 0.739. VOC
        // matches only the best truth, A, already claimed: a false positive, so AP = 1/2 · 1.
        Box a = Box.corners(0, 0, 10, 10);
        Box b = Box.corners(2, 0, 12, 10);
        MeanAveragePrecision map = new MeanAveragePrecision(1);
        map.add(List.of(det(a, 0, 0.9), det(Box.corners(0.5, 0, 10.5, 10), 0, 0.8)),
                List.of(truth(a, 0), truth(b, 0)));
        assertEquals(0.5, map.averagePrecision(0), 1e-12);
    }

    @Test
    void iouOfExactlyTheThresholdCounts() {
        MeanAveragePrecision map = new MeanAveragePrecision(1);
        map.add(List.of(det(Box.corners(0, 0, 10, 5), 0, 0.9)), List.of(truth(G1, 0)));
        assertEquals(1, map.averagePrecision(0));
    }

    @Test
    void perfectDetectionsScoreOneAndMissingClassesZero() {
        MeanAveragePrecision map = new MeanAveragePrecision(3);
        // class 0 found perfectly, class 1 never detected, class 2 never present (left out)
        map.add(List.of(det(G1, 0, 0.9), det(G2, 0, 0.3)), List.of(truth(G1, 0), truth(G2, 0), truth(G3, 1)));
        map.add(List.of(det(G3, 2, 0.8)), List.of());
        assertEquals(1, map.averagePrecision(0));
        assertEquals(0, map.averagePrecision(1));
        assertTrue(Double.isNaN(map.averagePrecision(2)));
        assertEquals(0.5, map.mean(), 1e-12);
    }

    @Test
    void aLowScoredHitAfterFalseAlarmsIsInterpolated() {
        // FP at 0.9, TP at 0.8, one positive: precision 0, 1/2 at recall 0, 1: AP = 1/2.
        MeanAveragePrecision map = new MeanAveragePrecision(1);
        map.add(List.of(det(G2, 0, 0.9), det(G1, 0, 0.8)), List.of(truth(G1, 0)));
        assertEquals(0.5, map.averagePrecision(0), 1e-12);
    }

    @Test
    void emptyAndBadInput() {
        MeanAveragePrecision map = new MeanAveragePrecision(2);
        assertTrue(Double.isNaN(map.mean()));
        var ex = assertThrows(IllegalArgumentException.class,
                () -> map.add(List.of(det(G1, 2, 0.5)), List.of()));
        assertEquals("mAP: detection has class 2, outside 0..1", ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MeanAveragePrecision(2, 0));
    }
}
