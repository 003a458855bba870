package cnn.compiler.shape;

import static cnn.compiler.shape.Layers.conv;
import static cnn.compiler.shape.Layers.dwconv;
import static cnn.compiler.shape.Layers.grid;
import static cnn.compiler.shape.Layers.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cnn.compiler.graph.PadSpec;
import org.junit.jupiter.api.Test;

/** The worked examples of the lecture notes (seed/*.txt) and published per-layer counts, op by op. */
class LectureExamplesTest {

    @Test
    void sixBySixConvolvedWithThreeByThreeIsFourByFour() {
        LayerFacts f = ok(conv(1, 3), grid(6, 6, 1));
        assertEquals(grid(4, 4, 1), f.output());
        assertEquals(10, f.params()); // 3·3·1 weights + 1 bias
    }

    @Test
    void sevenBySevenWithStrideTwoIsThreeByThree() {
        assertEquals(grid(3, 3, 1), ok(conv(1, 3, 2, PadSpec.VALID), grid(7, 7, 1)).output());
    }

    @Test
    void samePaddingKeepsSixBySix() {
        assertEquals(grid(6, 6, 1), ok(conv(1, 3, 1, PadSpec.SAME), grid(6, 6, 1)).output());
    }

    @Test
    void fiveByFiveOn28x28x192() {
        LayerFacts f = ok(conv(32, 5, 1, PadSpec.SAME), grid(28, 28, 192));
        assertEquals(grid(28, 28, 32), f.output());
        assertEquals(120_422_400L, f.macs());
    }

    @Test
    void bottleneckCutsTheCostToTwelveMillion() {
        LayerFacts squeeze = ok(conv(16, 1), grid(28, 28, 192));
        LayerFacts expand = ok(conv(32, 5, 1, PadSpec.SAME), squeeze.output());
        assertEquals(grid(28, 28, 32), expand.output());
        assertEquals(2_408_448L, squeeze.macs());
        assertEquals(10_035_200L, expand.macs());
        assertEquals(12_443_648L, squeeze.macs() + expand.macs());
    }

    @Test
    void depthwiseSeparableCostsLessThanAPlainConv() {
        LayerFacts plain = ok(conv(5, 3), grid(6, 6, 3));
        assertEquals(grid(4, 4, 5), plain.output());
        assertEquals(2160, plain.macs());
        LayerFacts depthwise = ok(dwconv(3, 1), grid(6, 6, 3));
        assertEquals(grid(4, 4, 3), depthwise.output());
        assertEquals(432, depthwise.macs());
        LayerFacts pointwise = ok(conv(5, 1), depthwise.output());
        assertEquals(grid(4, 4, 5), pointwise.output());
        assertEquals(240, pointwise.macs());
        assertEquals(672, depthwise.macs() + pointwise.macs());
    }

    @Test
    void alexNetConv1() {
        LayerFacts f = ok(conv(96, 11, 4, PadSpec.VALID), grid(227, 227, 3));
        assertEquals(grid(55, 55, 96), f.output());
        assertEquals(34_944, f.params());
        assertEquals(105_415_200L, f.macs());
    }
}
