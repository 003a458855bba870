package cnn.runtime.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class YoloGridTest {

    // 64x64 image, 2x2 grid of 32-pixel cells, one 16x16 anchor, two classes: 7 values per cell.
    private static final YoloGrid GRID = new YoloGrid(64, 64, 2, 2, List.of(new Anchor(16, 16)), 2);

    private static float[] gridWithOneObject() {
        float[] g = new float[GRID.size()];
        for (int i = YoloGrid.OBJECTNESS; i < g.length; i += 7) {
            g[i] = -10; // σ(−10) ≈ 4.5e-5: nothing
        }
        int at = GRID.index(1, 0, 0);
        g[at + YoloGrid.TX] = 0;                          // σ = 0.5  → centre x (0 + 0.5)·32 = 16
        g[at + YoloGrid.TY] = (float) Math.log(3);        // σ = 0.75 → centre y (1 + 0.75)·32 = 56
        g[at + YoloGrid.TW] = (float) Math.log(2);        // width 16·2 = 32
        g[at + YoloGrid.TH] = 0;                          // height 16
        g[at + YoloGrid.OBJECTNESS] = (float) Math.log(4); // σ = 0.8
        g[at + YoloGrid.FIRST_CLASS] = 0;                 // softmax [0.25, 0.75]
        g[at + YoloGrid.FIRST_CLASS + 1] = (float) Math.log(3);
        return g;
    }

    @Test
    void layoutIsNhwcWithAnchorsInsideCells() {
        assertEquals(28, GRID.size());
        assertEquals(14, GRID.index(1, 0, 0));
        YoloGrid two = new YoloGrid(32, 64, 2, 4, List.of(new Anchor(1, 1), new Anchor(2, 2)), 3);
        assertEquals(((1 * 4 + 2) * 2 + 1) * 8, two.index(1, 2, 1));
        assertEquals(16, two.cellWidth());
        assertEquals(16, two.cellHeight());
    }

    @Test
    void decodesSigmoidOffsetsExpScalesAndObjectnessTimesClass() {
        List<Detection> found = GRID.decode(gridWithOneObject(), 0, 0.5);
        assertEquals(1, found.size());
        Detection d = found.get(0);
        assertEquals(1, d.classId());
        assertEquals(0.6, d.score(), 1e-6);
        assertEquals(0, d.box().x1(), 1e-5);
        assertEquals(48, d.box().y1(), 1e-5);
        assertEquals(32, d.box().x2(), 1e-5);
        assertEquals(64, d.box().y2(), 1e-5);
    }

    @Test
    void decodesASampleAtAnOffsetAndFiltersByScore() {
        float[] batch = new float[2 * GRID.size()];
        System.arraycopy(gridWithOneObject(), 0, batch, GRID.size(), GRID.size());
        assertEquals(1, GRID.decode(batch, GRID.size(), 0.5).size());
        assertEquals(0, GRID.decode(batch, GRID.size(), 0.61).size());
        assertEquals(4, GRID.decode(batch, GRID.size(), 0).size());
        assertThrows(IllegalArgumentException.class, () -> GRID.decode(batch, GRID.size() + 1, 0.5));
    }

    @Test
    void withoutClassesTheScoreIsTheObjectness() {
        YoloGrid plain = new YoloGrid(32, 32, 1, 1, List.of(new Anchor(8, 8)), 0);
        List<Detection> found = plain.decode(new float[] {0, 0, 0, 0, 0}, 0, 0);
        assertEquals(0.5, found.get(0).score(), 1e-12);
        assertEquals(Box.centre(16, 16, 8, 8), found.get(0).box());
    }

    @Test
    void refusesEmptyGeometry() {
        assertThrows(IllegalArgumentException.class, () -> new YoloGrid(0, 64, 2, 2, List.of(new Anchor(1, 1)), 1));
        assertThrows(IllegalArgumentException.class, () -> new YoloGrid(64, 64, 2, 2, List.of(), 1));
    }
}
