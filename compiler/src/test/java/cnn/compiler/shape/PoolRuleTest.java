package cnn.compiler.shape;

import static cnn.compiler.shape.Layers.conv;
import static cnn.compiler.shape.Layers.grid;
import static cnn.compiler.shape.Layers.maxpool;
import static cnn.compiler.shape.Layers.ok;
import static cnn.compiler.shape.Layers.pad;
import static cnn.compiler.shape.Layers.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.diag.Severity;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.PadSpec;
import cnn.compiler.graph.Padding;
import cnn.compiler.graph.Shape;
import cnn.compiler.graph.Window;
import org.junit.jupiter.api.Test;

/** Pooling, and the W0101 warning every windowed op shares. */
class PoolRuleTest {

    @Test
    void maxPoolHalves() {
        // LeNet-5's subsampling: 28x28x6 → 14x14x6, nothing learned, nothing multiplied
        LayerFacts f = ok(maxpool(2, 2), grid(28, 28, 6));
        assertEquals(new LayerFacts(grid(14, 14, 6), 0, 0, 0), f);
    }

    @Test
    void averagePoolWithSamePadding() {
        Op.Pool avg = new Op.Pool(Op.PoolKind.AVG, Window.of(3, 3, 1), PadSpec.SAME);
        assertEquals(new LayerFacts(grid(5, 5, 2), 0, 0, 0), ok(avg, grid(5, 5, 2)));
    }

    @Test
    void resNetStemPool() {
        // published: ResNet's 3x3 stride 2 pad 1 max pool takes 112x112x64 to 56x56x64
        Layers.Run r = run("maxpool_1", new Op.Pool(Op.PoolKind.MAX, Window.of(3, 3, 2), pad(1)), grid(112, 112, 64));
        assertEquals(grid(56, 56, 64), r.ok().output());
        assertTrue(r.diagnostics().isEmpty(), "the padding at the end is what the stride skips: nothing real is lost");
    }

    @Test
    void globalPoolingKeepsChannels() {
        assertEquals(new LayerFacts(Shape.vector(512), 0, 0, 0),
                ok(new Op.GlobalPool(Op.PoolKind.AVG), grid(7, 7, 512)));
        assertEquals(new LayerFacts(Shape.vector(3), 0, 0, 0), ok(new Op.GlobalPool(Op.PoolKind.MAX), grid(1, 1, 3)));
    }

    @Test
    void poolTooLarge() {
        run("maxpool_3", maxpool(2, 2), grid(1, 1, 8)).fails("E0301",
                "maxpool_3: output would be 0x0: input 1x1x8 is smaller than the 2x2 kernel (pad valid)",
                "use pad=same or a smaller kernel");
    }

    @Test
    void poolPaddingOverHalfTheKernel() {
        run("pool", new Op.Pool(Op.PoolKind.MAX, Window.of(3, 3, 1), pad(2)), grid(7, 8, 3)).fails("E0404",
                "pool: pad 2 is more than half the 3x3 kernel: some windows would see only padding",
                "use pad=same, or pad at most 1");
        run("pool", new Op.Pool(Op.PoolKind.AVG, new Window(2, 5, 1, 1, 1, 1), new PadSpec.Explicit(
                new Padding(0, 0, 3, 0))), grid(7, 8, 3)).fails("E0404",
                "pool: pad (0, 0, 3, 0) is more than half the 2x5 kernel: some windows would see only padding",
                "use pad=same, or pad at most (1, 1, 2, 2)");
    }

    @Test
    void poolNeedsAFeatureMap() {
        run("maxpool_1", maxpool(2, 2), Shape.vector(10)).fails("E0303",
                "maxpool_1: maxpool needs a feature map H x W x C, but its input is a vector of 10 values",
                "a vector has no height or width: put maxpool before flatten, dense or global pooling");
        run("gap", new Op.GlobalPool(Op.PoolKind.AVG), Shape.vector(10)).fails("E0303",
                "gap: globalavgpool needs a feature map H x W x C, but its input is a vector of 10 values",
                "a vector has no height or width: put globalavgpool before flatten, dense or global pooling");
    }

    @Test
    void poolWindowValues() {
        run("p", new Op.Pool(Op.PoolKind.MAX, Window.of(2, 2, 0), PadSpec.VALID), grid(4, 4, 1)).fails("E0401",
                "p: stride must be at least 1, got 0", null);
    }

    // ---- W0101 ----

    private static void warns(Layers.Run r, Shape output, String message, String hint) {
        assertEquals(output, r.facts().orElseThrow().output(), "a warning still gives the output");
        assertEquals(Severity.WARNING, r.only("W0101", message, hint).severity());
    }

    @Test
    void strideLeavesARowAndAColumn() {
        // (8 - 3) % 2 = 1 in both directions
        warns(run("conv_5", conv(16, 3, 2, PadSpec.VALID), grid(8, 8, 3)), grid(3, 3, 16),
                "conv_5: stride 2 leaves the last 1 row and 1 column of input 8x8x3 unused (3x3 kernel, pad valid)",
                "use pad=same, or an input size where size + padding - kernel is a multiple of 2");
    }

    @Test
    void strideLeavesOnlyARow() {
        warns(run("maxpool_2", maxpool(2, 2), grid(7, 8, 3)), grid(3, 4, 3),
                "maxpool_2: stride 2 leaves the last 1 row of input 7x8x3 unused (2x2 kernel, pad valid)",
                "use pad=same, or an input size where size + padding - kernel is a multiple of 2");
    }

    @Test
    void strideLeavesColumns() {
        // (11 - 3) % 3 = 2 columns, (9 - 3) % 3 = 0 rows
        warns(run("maxpool_1", maxpool(3, 3), grid(9, 11, 1)), grid(3, 3, 1),
                "maxpool_1: stride 3 leaves the last 2 columns of input 9x11x1 unused (3x3 kernel, pad valid)",
                "use pad=same, or an input size where size + padding - kernel is a multiple of 3");
    }

    @Test
    void dilatedWindowNamedInTheWarning() {
        // 3x3 dilated by 2 covers 5x5; stride 2 on 8: (8 - 5) % 2 = 1
        warns(run("c", new Op.Conv(1, new Window(3, 3, 2, 2, 2, 2), PadSpec.VALID, 1, true, cnn.compiler.graph.Init.HE,
                        null), grid(8, 8, 1)), grid(2, 2, 1),
                "c: stride 2 leaves the last 1 row and 1 column of input 8x8x1 unused (3x3 kernel dilated by 2 to 5x5, "
                        + "pad valid)",
                "use pad=same, or an input size where size + padding - kernel is a multiple of 2");
    }

    @Test
    void noWarningWhenTheStrideFits() {
        assertTrue(run("c", conv(1, 3, 2, PadSpec.VALID), grid(7, 7, 1)).diagnostics().isEmpty());
        // same padding reads everything by construction
        assertTrue(run("c", conv(1, 3, 2, PadSpec.SAME), grid(8, 8, 1)).diagnostics().isEmpty());
        // (8 + 2 - 3) % 2 = 1, but that last row is padding
        assertTrue(run("c", conv(1, 3, 2, pad(1)), grid(8, 8, 1)).diagnostics().isEmpty());
        // a strided 1x1 skips every other row by design, not only the last
        assertTrue(run("c", conv(1, 1, 2, PadSpec.VALID), grid(8, 8, 1)).diagnostics().isEmpty());
    }

    @Test
    void paddingAtTheEndOnlyCoversPartOfTheRemainder() {
        // 10 + 1 (top) + 1 (bottom) - 5 = 7, 7 % 4 = 3; one of those 3 rows is padding, 2 are real
        Op.Conv op = new Op.Conv(1, Window.of(5, 5, 4), pad(1), 1, true, cnn.compiler.graph.Init.HE, null);
        warns(run("c", op, grid(10, 10, 1)), grid(2, 2, 1),
                "c: stride 4 leaves the last 2 rows and 2 columns of input 10x10x1 unused (5x5 kernel, pad 1)",
                "use pad=same, or an input size where size + padding - kernel is a multiple of 4");
    }
}
