package cnn.compiler.shape;

import static cnn.compiler.shape.Layers.grid;
import static cnn.compiler.shape.Layers.ok;
import static cnn.compiler.shape.Layers.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cnn.compiler.graph.Op;
import cnn.compiler.graph.Padding;
import cnn.compiler.graph.Shape;
import org.junit.jupiter.api.Test;

class ResizeRuleTest {

    @Test
    void upsampleByTwo() {
        // YOLOv3's route: 13x13x256 → 26x26x256
        assertEquals(new LayerFacts(grid(26, 26, 256), 0, 0, 0), ok(new Op.Upsample(2), grid(13, 13, 256)));
        assertEquals(new LayerFacts(grid(3, 5, 1), 0, 0, 0), ok(new Op.Upsample(1), grid(3, 5, 1)));
    }

    @Test
    void zeroPadEachSide() {
        assertEquals(new LayerFacts(grid(6, 6, 2), 0, 0, 0), ok(new Op.ZeroPad(Padding.uniform(1)), grid(4, 4, 2)));
        // top 1 + bottom 2, left 3 + right 4
        assertEquals(new LayerFacts(grid(7, 11, 2), 0, 0, 0), ok(new Op.ZeroPad(new Padding(1, 2, 3, 4)), grid(4, 4, 2)));
        assertEquals(new LayerFacts(grid(4, 4, 2), 0, 0, 0), ok(new Op.ZeroPad(Padding.NONE), grid(4, 4, 2)));
    }

    @Test
    void upsampleFactorAtLeastOne() {
        run("upsample_1", new Op.Upsample(0), grid(4, 4, 1)).fails("E0401",
                "upsample_1: factor must be at least 1, got 0", null);
    }

    @Test
    void upsampleTooLarge() {
        run("up", new Op.Upsample(100_000), grid(1000, 1000, 3)).fails("E0403",
                "up: output 100000000x100000000x3 would have 30,000,000,000,000,000 values, more than a Java array can "
                        + "hold (2,147,483,639)",
                "make it smaller with a stride or pooling before this layer");
    }

    @Test
    void zeroPadNegative() {
        run("zeropad_1", new Op.ZeroPad(new Padding(0, 0, -1, 0)), grid(4, 4, 1)).fails("E0401",
                "zeropad_1: padding must not be negative, got (0, 0, -1, 0)", null);
    }

    @Test
    void resizingNeedsAFeatureMap() {
        run("up", new Op.Upsample(2), Shape.vector(8)).fails("E0303",
                "up: upsample needs a feature map H x W x C, but its input is a vector of 8 values",
                "a vector has no height or width: put upsample before flatten, dense or global pooling");
        run("zp", new Op.ZeroPad(Padding.uniform(1)), Shape.vector(8)).fails("E0303",
                "zp: zeropad needs a feature map H x W x C, but its input is a vector of 8 values",
                "a vector has no height or width: put zeropad before flatten, dense or global pooling");
    }
}
