package cnn.runtime.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BoxTest {

    @Test
    void centreAndCornerFormsDescribeTheSameBox() {
        Box b = Box.centre(20, 30, 10, 6);
        assertEquals(Box.corners(15, 27, 25, 33), b);
        assertEquals(20, b.centreX());
        assertEquals(30, b.centreY());
        assertEquals(10, b.width());
        assertEquals(6, b.height());
        assertEquals(60, b.area());
    }

    @Test
    void iouWorkedByHand() {
        Box a = Box.corners(0, 0, 2, 2);
        // shifted one pixel right: intersection 1x2 = 2, union 4 + 4 − 2 = 6
        assertEquals(1.0 / 3, a.iou(Box.corners(1, 0, 3, 2)), 1e-15);
        // one inside the other: 1 / 4
        assertEquals(0.25, a.iou(Box.corners(0.5, 0.5, 1.5, 1.5)), 1e-15);
        assertEquals(1, a.iou(a));
        // touching edges and apart: nothing shared
        assertEquals(0, a.iou(Box.corners(2, 0, 4, 2)));
        assertEquals(0, a.iou(Box.corners(5, 5, 6, 6)));
        // symmetric
        Box c = Box.corners(-1, 1, 1.5, 4);
        assertEquals(a.iou(c), c.iou(a));
        // empty boxes
        Box point = Box.corners(1, 1, 1, 1);
        assertEquals(0, point.iou(point));
    }

    @Test
    void shapeIouIgnoresPosition() {
        // 10x20 and 20x10 on one centre: intersection 10x10, union 200 + 200 − 100
        assertEquals(100.0 / 300, Box.shapeIou(10, 20, 20, 10), 1e-15);
        assertEquals(Box.centre(5, 5, 10, 20).iou(Box.centre(5, 5, 20, 10)), Box.shapeIou(10, 20, 20, 10), 1e-15);
    }

    @Test
    void refusesInsideOutBoxes() {
        var ex = assertThrows(IllegalArgumentException.class, () -> Box.corners(5, 0, 4, 1));
        assertEquals("box (5.0, 0.0)–(4.0, 1.0) has its right or bottom edge before its left or top edge",
                ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Box.centre(0, 0, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> Box.corners(0, Double.NaN, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Anchor(0, 3));
        assertThrows(IllegalArgumentException.class, () -> new GroundTruth(Box.corners(0, 0, 1, 1), -1));
    }
}
