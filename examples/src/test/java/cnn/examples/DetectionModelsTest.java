package cnn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.Compilation;
import cnn.compiler.diag.Diagnostic;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.Op;
import cnn.runtime.data.Annotation;
import cnn.runtime.data.DetectionDataset;
import cnn.runtime.data.SyntheticShapes;
import cnn.runtime.detect.Box;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The detection examples in {@code models/detect/} compile cleanly, and their heads have the
 * sizes the lecture notes' layouts call for. (How well they learn is {@link DetectionTrainingTest}'s.)
 */
class DetectionModelsTest {

    private static Compilation clean(String file) {
        Compilation c = Models.compile("detect/" + file);
        List<Diagnostic> warnings = c.diagnostics();
        assertTrue(warnings.isEmpty(), () -> file + ": " + warnings);
        return c;
    }

    private static Node head(Network net) {
        return net.node(net.outputs().get(0));
    }

    @Test
    void yoloHeadHasAtLeastTwoAnchorsOverAGridOfShapesClasses() {
        Network net = clean("yolo_shapes.cnn").networks().get(0);
        Op.Yolo yolo = assertInstanceOf(Op.Yolo.class, head(net).op());
        assertEquals(3, yolo.classes(), "circle, square, triangle");
        assertTrue(yolo.anchors().size() >= 2, "anchors: " + yolo.anchors());
        // per cell and anchor [tx, ty, tw, th, objectness, c1, c2, c3]
        assertEquals(yolo.anchors().size() * 8L, head(net).output().channels());
    }

    @Test
    void everyYoloAnchorFitsAShareOfTheShapesBoxesBest() {
        Network net = clean("yolo_shapes.cnn").networks().get(0);
        Op.Yolo yolo = (Op.Yolo) head(net).op();
        DetectionDataset data = SyntheticShapes.detection(2000, (int) net.input().h(), (int) net.input().w(),
                (int) net.input().c(), 4, 3);
        int[] best = new int[yolo.anchors().size()];
        int boxes = 0;
        for (int i = 0; i < data.size(); i++) {
            for (Annotation a : data.objects(i)) {
                Box b = a.box();
                int k = 0;
                for (int j = 1; j < best.length; j++) {
                    if (fit(b, yolo.anchors().get(j)) > fit(b, yolo.anchors().get(k))) {
                        k = j;
                    }
                }
                best[k]++;
                boxes++;
            }
        }
        // anchors picked from the data's box sizes share the boxes out; a wasted anchor would get few
        for (int j = 0; j < best.length; j++) {
            assertTrue(best[j] >= boxes / (2 * best.length), "anchor " + yolo.anchors().get(j) + " fits "
                    + best[j] + " of " + boxes + " boxes best");
        }
    }

    /** The IoU of a box and an anchor placed on the same centre, as YOLO assigns boxes to anchors. */
    private static double fit(Box b, Op.Anchor a) {
        double inter = Math.min(b.width(), a.width()) * Math.min(b.height(), a.height());
        return inter / (b.width() * b.height() + a.width() * a.height() - inter);
    }

    @Test
    void localizeAndLandmarksHeadsReadTheNotesLayouts() {
        Network loc = clean("localize_shapes.cnn").networks().get(0);
        assertEquals(new Op.Localize(3), head(loc).op());
        assertEquals(5 + 3, head(loc).output().elements(), "[Pc, bx, by, bh, bw, c1, c2, c3]");
        Network marks = clean("landmarks_shapes.cnn").networks().get(0);
        assertEquals(new Op.Landmarks(3), head(marks).op());
        assertEquals(1 + 2 * 3, head(marks).output().elements(), "[present, l1x, l1y, l2x, l2y, l3x, l3y]");
    }

    @Test
    void theScannerIsTheClassifierMadeConvolutional() {
        Compilation c = clean("window_classifier.cnn");
        Network classifier = c.network("WindowClassifier").orElseThrow();
        Network scanner = c.network("WindowScanner").orElseThrow();
        assertEquals(14, classifier.input().h(), "the notes' 14x14 windows");
        assertEquals("WindowClassifier", scanner.weightsFrom().orElseThrow());
        assertEquals(classifier.totalParams(), scanner.totalParams(), "it loads the classifier's weights file");
        // 64x64 input, 14x14 windows, stride 2: (64 − 14) / 2 + 1 = 26 windows a side
        assertEquals(Models.grid(26, 26, 3), head(scanner).output());
        assertFalse(scanner.nodes().stream().anyMatch(n -> n.op() instanceof Op.Flatten), "no flatten left");
    }
}
