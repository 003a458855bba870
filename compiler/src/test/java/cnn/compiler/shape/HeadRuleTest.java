package cnn.compiler.shape;

import static cnn.compiler.shape.Layers.grid;
import static cnn.compiler.shape.Layers.ok;
import static cnn.compiler.shape.Layers.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.graph.Op;
import cnn.compiler.graph.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Heads pass their input through; the lecture notes' target vectors give the sizes. */
class HeadRuleTest {

    private static final Op.Anchor A1 = new Op.Anchor(10, 13);
    private static final Op.Anchor A2 = new Op.Anchor(33, 23);

    @Test
    void localizeOnTheLectureTarget() {
        // Y = [1, 0, 0, 100, 100, 0, 1, 0]: Pc, four box numbers, three classes
        assertEquals(new LayerFacts(Shape.vector(8), 0, 0, 0), ok(new Op.Localize(3), Shape.vector(8)));
        assertEquals(new LayerFacts(grid(1, 1, 8), 0, 0, 0), ok(new Op.Localize(3), grid(1, 1, 8)));
    }

    @Test
    void localizeWithoutClassesIsObjectnessAndBox() {
        assertEquals(new LayerFacts(Shape.vector(5), 0, 0, 0), ok(new Op.Localize(0), Shape.vector(5)));
    }

    @Test
    void landmarksOfTheLectureFace() {
        // [face?, l1x, l1y, …, l64x, l64y]: 1 + 2·64
        assertEquals(new LayerFacts(Shape.vector(129), 0, 0, 0), ok(new Op.Landmarks(64), Shape.vector(129)));
    }

    @Test
    void yoloOnTheLectureGrids() {
        // a 3x3 grid of [Pc, bx, by, bh, bw, c1, c2, c3]; with two anchor boxes 16 per cell
        assertEquals(new LayerFacts(grid(3, 3, 8), 0, 0, 0), ok(new Op.Yolo(3, List.of(A1)), grid(3, 3, 8)));
        assertEquals(new LayerFacts(grid(3, 3, 16), 0, 0, 0), ok(new Op.Yolo(3, List.of(A1, A2)), grid(3, 3, 16)));
        // YOLOv3 on COCO: 3 anchors × (5 + 80) = 255 channels
        assertEquals(grid(13, 13, 255),
                ok(new Op.Yolo(80, List.of(A1, A2, new Op.Anchor(116, 90))), grid(13, 13, 255)).output());
    }

    @Test
    void yoloWithTheWrongChannels() {
        run("yolo_1", new Op.Yolo(3, List.of(A1, A2)), grid(3, 3, 12)).fails("E0304",
                "yolo_1: input 3x3x12 has 12 channels, but the head needs 2 anchors × (5 + 3 classes) = 16",
                "end the trunk with conv 16, 1 (2 anchors × (5 + 3 classes))");
        run("yolo_1", new Op.Yolo(1, List.of(A1)), grid(3, 3, 8)).fails("E0304",
                "yolo_1: input 3x3x8 has 8 channels, but the head needs 1 anchor × (5 + 1 class) = 6",
                "end the trunk with conv 6, 1 (1 anchor × (5 + 1 class))");
    }

    @Test
    void yoloOnAVector() {
        run("yolo_1", new Op.Yolo(3, List.of(A1)), Shape.vector(72)).fails("E0303",
                "yolo_1: yolo needs an S x S x 8 grid (1 anchor × (5 + 3 classes)), but its input is a vector of 72 values",
                "end the trunk with conv 8, 1 (1 anchor × (5 + 3 classes)) instead of flatten and dense");
    }

    @Test
    void localizeWithTheWrongCount() {
        run("localize_1", new Op.Localize(3), Shape.vector(10)).fails("E0304",
                "localize_1: input has 10 values, but the head needs 5 + 3 classes = 8",
                "end the trunk with dense 8 (5 + 3 classes)");
        run("localize_1", new Op.Localize(1), grid(1, 1, 10)).fails("E0304",
                "localize_1: input 1x1x10 has 10 values, but the head needs 5 + 1 class = 6",
                "end the trunk with conv 6, 1 (5 + 1 class)");
    }

    @Test
    void localizeOnAFeatureMap() {
        run("localize_1", new Op.Localize(3), grid(5, 5, 8)).fails("E0303",
                "localize_1: localize needs a vector of 5 + 3 classes = 8 values (or a 1x1 grid), but its input is "
                        + "the feature map 5x5x8",
                "end the trunk with flatten and dense 8 (5 + 3 classes)");
    }

    @Test
    void landmarksWithTheWrongCount() {
        run("landmarks_1", new Op.Landmarks(5), Shape.vector(10)).fails("E0304",
                "landmarks_1: input has 10 values, but the head needs 1 + 2 × 5 landmarks = 11",
                "end the trunk with dense 11 (1 + 2 × 5 landmarks)");
        run("landmarks_1", new Op.Landmarks(1), Shape.vector(2)).fails("E0304",
                "landmarks_1: input has 2 values, but the head needs 1 + 2 × 1 landmark = 3",
                "end the trunk with dense 3 (1 + 2 × 1 landmark)");
    }

    @Test
    void headValues() {
        run("h", new Op.Localize(-1), Shape.vector(4)).fails("E0401", "h: classes must be at least 0, got -1", null);
        run("h", new Op.Landmarks(0), Shape.vector(1)).fails("E0401", "h: count must be at least 1, got 0", null);
        run("h", new Op.Yolo(-2, List.of(A1)), grid(3, 3, 3)).fails("E0401", "h: classes must be at least 0, got -2",
                null);
        run("h", new Op.Yolo(3, List.of()), grid(3, 3, 8)).fails("E0401",
                "h: anchors must list at least one (width, height) box, got none",
                "e.g. anchors=[(10, 13), (33, 23)], in input pixels");
        run("h", new Op.Yolo(3, List.of(A1, new Op.Anchor(0, 23))), grid(3, 3, 16)).fails("E0401",
                "h: anchor 2 must have a positive width and height, got (0, 23)", "anchors are box sizes in input pixels");
        run("h", new Op.Yolo(3, List.of(new Op.Anchor(2.5, Double.NaN))), grid(3, 3, 8)).fails("E0401",
                "h: anchor 1 must have a positive width and height, got (2.5, NaN)",
                "anchors are box sizes in input pixels");
    }

    @Test
    void everyBadAnchorIsNamed() {
        Layers.Run r = run("h", new Op.Yolo(3, List.of(new Op.Anchor(-1, 1), A1, new Op.Anchor(1,
                Double.POSITIVE_INFINITY))), grid(3, 3, 24));
        assertTrue(r.facts().isEmpty());
        assertEquals(List.of("h: anchor 1 must have a positive width and height, got (-1, 1)",
                        "h: anchor 3 must have a positive width and height, got (1, Infinity)"),
                r.diagnostics().stream().map(d -> d.message()).toList());
    }
}
