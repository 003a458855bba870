package cnn.compiler.shape;

import static cnn.compiler.shape.Layers.conv;
import static cnn.compiler.shape.Layers.grid;
import static cnn.compiler.shape.Layers.ok;
import static cnn.compiler.shape.Layers.pad;
import static cnn.compiler.shape.Layers.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.graph.Init;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.PadSpec;
import cnn.compiler.graph.Padding;
import cnn.compiler.graph.Shape;
import cnn.compiler.graph.Window;
import org.junit.jupiter.api.Test;

/** conv, dwconv and a slid dense, each worked by hand. */
class ConvRuleTest {

    private static Op.Conv grouped(int filters, Window w, PadSpec pad, int groups, boolean bias) {
        return new Op.Conv(filters, w, pad, groups, bias, Init.HE, null);
    }

    @Test
    void paddedConvolution() {
        // 6x6x3, 8 filters 3x3 pad 1: (6 + 2 - 3) / 1 + 1 = 6; 3·3·3·8 + 8 = 224; 6·6·8 outputs × 27
        LayerFacts f = ok(conv(8, 3, 1, pad(1)), grid(6, 6, 3));
        assertEquals(grid(6, 6, 8), f.output());
        assertEquals(224, f.params());
        assertEquals(0, f.nonTrainable());
        assertEquals(7776, f.macs());
    }

    @Test
    void withoutBiasOnlyWeightsCount() {
        LayerFacts f = ok(grouped(8, Window.of(3, 3, 1), pad(1), 1, false), grid(6, 6, 3));
        assertEquals(216, f.params());
        assertEquals(7776, f.macs());
    }

    @Test
    void groupsSplitTheInputChannels() {
        // each of 4 groups sees 16 channels: 3·3·16·32 + 32 = 4,640; MACs 8·8·32 × 3·3·16
        LayerFacts f = ok(grouped(32, Window.of(3, 3, 1), PadSpec.SAME, 4, true), grid(8, 8, 64));
        assertEquals(grid(8, 8, 32), f.output());
        assertEquals(4640, f.params());
        assertEquals(294_912, f.macs());
    }

    @Test
    void alexNetConv2IsGroupedInTwo() {
        // published: AlexNet conv2, 27x27x96 → 27x27x256, 5x5 pad 2, 2 groups: 307,456 parameters
        LayerFacts f = ok(grouped(256, Window.of(5, 5, 1), pad(2), 2, true), grid(27, 27, 96));
        assertEquals(grid(27, 27, 256), f.output());
        assertEquals(307_456, f.params());
        assertEquals(223_948_800L, f.macs());
    }

    @Test
    void dilationWidensTheWindowNotTheWeights() {
        // 3x3 dilated by 2 covers 5x5: 7 - 5 + 1 = 3; still 9 weights + 1 bias
        LayerFacts f = ok(grouped(1, new Window(3, 3, 1, 1, 2, 2), PadSpec.VALID, 1, true), grid(7, 7, 1));
        assertEquals(grid(3, 3, 1), f.output());
        assertEquals(10, f.params());
        assertEquals(81, f.macs());
    }

    @Test
    void explicitUnevenPaddingAndARectangularKernel() {
        // 1x3 kernel, pad (top 1, bottom 0, left 2, right 0): h 4 + 1 - 1 + 1 = 5, w 4 + 2 - 3 + 1 = 4
        Op.Conv op = grouped(1, new Window(1, 3, 1, 1, 1, 1), new PadSpec.Explicit(new Padding(1, 0, 2, 0)), 1, true);
        LayerFacts f = ok(op, grid(4, 4, 2));
        assertEquals(grid(5, 4, 1), f.output());
        assertEquals(7, f.params());
        assertEquals(120, f.macs());
    }

    @Test
    void sameWithStrideTwoGivesTheCeiling() {
        assertEquals(grid(4, 4, 2), ok(conv(2, 3, 2, PadSpec.SAME), grid(7, 7, 1)).output());
        assertEquals(grid(3, 3, 2), ok(conv(2, 3, 2, PadSpec.SAME), grid(6, 6, 1)).output());
        assertEquals(grid(112, 112, 64), ok(conv(64, 7, 2, PadSpec.SAME), grid(224, 224, 3)).output());
    }

    @Test
    void stridesMayDifferPerAxis() {
        // (5 - 3) / 1 + 1 = 3 rows, (5 - 3) / 2 + 1 = 2 columns
        assertEquals(grid(3, 2, 1), ok(grouped(1, new Window(3, 3, 1, 2, 1, 1), PadSpec.VALID, 1, true), grid(5, 5, 1))
                .output());
    }

    @Test
    void constantWeightsOfTheRightSizeAreAccepted() {
        float[] sobel = {1, 0, -1, 2, 0, -2, 1, 0, -1};
        LayerFacts f = ok(new Op.Conv(1, Window.of(3, 3, 1), PadSpec.VALID, 1, false, Init.HE, sobel), grid(6, 6, 1));
        assertEquals(grid(4, 4, 1), f.output());
        assertEquals(9, f.params());
    }

    @Test
    void depthwiseOneFilterPerChannel() {
        // 6x6x3 with a 3x3 kernel per channel: 27 weights + 3 biases, 4·4·3 outputs × 9
        LayerFacts f = ok(new Op.DepthwiseConv(1, Window.of(3, 3, 1), PadSpec.VALID, true, Init.HE), grid(6, 6, 3));
        assertEquals(grid(4, 4, 3), f.output());
        assertEquals(30, f.params());
        assertEquals(432, f.macs());
    }

    @Test
    void depthwiseMultiplierMultipliesChannels() {
        // 4 channels × 2 = 8 filters of 3x3, no bias: 72; 5·5·8 outputs × 9
        LayerFacts f = ok(new Op.DepthwiseConv(2, Window.of(3, 3, 1), PadSpec.SAME, false, Init.HE), grid(5, 5, 4));
        assertEquals(grid(5, 5, 8), f.output());
        assertEquals(72, f.params());
        assertEquals(1800, f.macs());
    }

    @Test
    void mobileNetFirstDepthwiseLayer() {
        // published (Keras MobileNet conv_dw_1): 112x112x32, 3x3 same, no bias: 288 parameters
        LayerFacts f = ok(new Op.DepthwiseConv(1, Window.of(3, 3, 1), PadSpec.SAME, false, Init.HE),
                grid(112, 112, 32));
        assertEquals(grid(112, 112, 32), f.output());
        assertEquals(288, f.params());
        assertEquals(3_612_672, f.macs());
    }

    @Test
    void slidDenseCountsLikeTheDenseItCameFrom() {
        // LeNet's dense 120 over a flattened 5x5x16, slid over a 12x12x16 map: 8x8 cells
        LayerFacts dense = ok(Layers.dense(120), Shape.vector(400));
        LayerFacts slid = ok(new Op.SlidingDense(120, 5, 5, 16, true), grid(12, 12, 16));
        assertEquals(grid(8, 8, 120), slid.output());
        assertEquals(48_120, slid.params());
        assertEquals(dense.params(), slid.params());
        assertEquals(64 * dense.macs(), slid.macs());
        // the next dense sees a 1x1 extent of 120 values
        LayerFacts next = ok(new Op.SlidingDense(84, 1, 1, 120, true), slid.output());
        assertEquals(grid(8, 8, 84), next.output());
        assertEquals(10_164, next.params());
        assertEquals(64 * 120 * 84, next.macs());
    }

    @Test
    void slidDenseOverExactlyTheOriginalExtentIsOneCell() {
        assertEquals(grid(1, 1, 10), ok(new Op.SlidingDense(10, 5, 5, 16, false), grid(5, 5, 16)).output());
    }

    // ---- errors ----

    @Test
    void inputSmallerThanKernel() {
        run("conv_3", conv(16, 5), grid(4, 4, 16)).fails("E0301",
                "conv_3: output would be 0x0: input 4x4x16 is smaller than the 5x5 kernel (pad valid)",
                "use pad=same or a smaller kernel");
    }

    @Test
    void inputSmallerThanKernelEvenPadded() {
        run("conv_3", conv(16, 7, 1, pad(1)), grid(4, 4, 16)).fails("E0301",
                "conv_3: output would be 0x0: input 4x4x16 padded to 6x6 is smaller than the 7x7 kernel (pad 1)",
                "use pad=same or a smaller kernel");
    }

    @Test
    void onlyOneAxisTooSmall() {
        run("conv_1", conv(4, 5), grid(10, 4, 3)).fails("E0301",
                "conv_1: output would be 6x0: input 10x4x3 is smaller than the 5x5 kernel (pad valid)",
                "use pad=same or a smaller kernel");
    }

    @Test
    void muchTooSmallStillSaysZero() {
        run("conv_1", conv(4, 7), grid(2, 2, 1)).fails("E0301",
                "conv_1: output would be 0x0: input 2x2x1 is smaller than the 7x7 kernel (pad valid)",
                "use pad=same or a smaller kernel");
    }

    @Test
    void dilatedKernelTooLarge() {
        run("conv_4", grouped(16, new Window(3, 3, 1, 1, 2, 2), PadSpec.VALID, 1, true), grid(4, 4, 16)).fails("E0301",
                "conv_4: output would be 0x0: input 4x4x16 is smaller than the 3x3 kernel dilated by 2 to 5x5 (pad valid)",
                "use pad=same or a smaller kernel");
    }

    @Test
    void groupsMustDivideChannelsAndFilters() {
        run("g", grouped(32, Window.of(3, 3, 1), PadSpec.SAME, 3, true), grid(8, 8, 64)).fails("E0306",
                "g: groups=3 divides neither the 64 channels of input 8x8x64 nor the 32 filters",
                "use groups that divides both 64 and 32, e.g. 2");
        run("g", grouped(30, Window.of(3, 3, 1), PadSpec.SAME, 4, true), grid(8, 8, 64)).fails("E0306",
                "g: groups=4 does not divide the 30 filters (input 8x8x64)",
                "use groups that divides both 64 and 30, e.g. 2");
        run("g", grouped(64, Window.of(3, 3, 1), PadSpec.SAME, 16, true), grid(8, 8, 24)).fails("E0306",
                "g: groups=16 does not divide the 24 channels of input 8x8x24",
                "use groups that divides both 24 and 64, e.g. 8");
    }

    @Test
    void slidDenseOnOtherChannels() {
        run("dense_1", new Op.SlidingDense(100, 5, 5, 16, true), grid(8, 8, 8)).fails("E0308",
                "dense_1: input 8x8x8 has 8 channels, but this dense layer was built for 5x5x16 values",
                "slide the model over an input with as many channels as the model it slides");
    }

    @Test
    void slidDenseOverTooSmallAnInput() {
        run("dense_1", new Op.SlidingDense(100, 5, 5, 16, true), grid(4, 4, 16)).fails("E0301",
                "dense_1: output would be 0x0: input 4x4x16 is smaller than the 5x5 kernel (pad valid)",
                "slide over a larger input: this layer needs at least 5x5 here");
    }

    @Test
    void constantWeightsOfTheWrongSize() {
        float[] eight = new float[8];
        run("edges", new Op.Conv(1, Window.of(3, 3, 1), PadSpec.VALID, 1, false, Init.HE, eight), grid(6, 6, 1))
                .fails("E0309", "edges: weights= has 8 values, but [out][in/groups][kh][kw] = [1][1][3][3] needs 9",
                        "give one value per weight, nested as [1][1][3][3] (or [kh][kw] for one filter on one channel)");
    }

    @Test
    void convNeedsAFeatureMap() {
        run("conv_2", conv(16, 3), Shape.vector(120)).fails("E0303",
                "conv_2: conv needs a feature map H x W x C, but its input is a vector of 120 values",
                "a vector has no height or width: put conv before flatten, dense or global pooling");
        run("dw", new Op.DepthwiseConv(1, Window.of(3, 3, 1), PadSpec.SAME, true, Init.HE), Shape.vector(5)).fails(
                "E0303", "dw: dwconv needs a feature map H x W x C, but its input is a vector of 5 values",
                "a vector has no height or width: put dwconv before flatten, dense or global pooling");
    }

    @Test
    void everyBadValueIsReportedOnce() {
        Layers.Run r = run("c", new Op.Conv(0, new Window(0, 3, 0, 1, 1, 0), PadSpec.SAME, 0, true, Init.HE, null),
                grid(8, 8, 3));
        assertTrue(r.facts().isEmpty());
        assertEquals(5, r.diagnostics().size());
        assertEquals("c: filters must be at least 1, got 0", r.diagnostics().get(0).message());
        assertEquals("c: groups must be at least 1, got 0", r.diagnostics().get(1).message());
        assertEquals("c: kernel must be at least 1x1, got 0x3", r.diagnostics().get(2).message());
        assertEquals("c: stride must be at least 1, got (0, 1)", r.diagnostics().get(3).message());
        assertEquals("c: dilation must be at least 1, got (1, 0)", r.diagnostics().get(4).message());
        assertTrue(r.diagnostics().stream().allMatch(d -> d.code().equals("E0401") && d.isError()));
    }

    @Test
    void negativePadding() {
        run("c", conv(1, 3, 1, new PadSpec.Explicit(new Padding(1, -1, 0, 0))), grid(8, 8, 3)).fails("E0401",
                "c: pad must not be negative, got (1, -1, 0, 0)", null);
    }

    @Test
    void depthwiseMultiplierAtLeastOne() {
        run("dw", new Op.DepthwiseConv(0, Window.of(3, 3, 1), PadSpec.SAME, true, Init.HE), grid(8, 8, 3)).fails(
                "E0401", "dw: multiplier must be at least 1, got 0", null);
    }

    @Test
    void hugeDilationIsCaughtBeforeAnyArithmetic() {
        run("c", grouped(1, new Window(3, 3, 1, 1, 1 << 30, 1), PadSpec.SAME, 1, true), grid(8, 8, 3)).fails("E0403",
                "c: 3x3 kernel dilated by (1073741824, 1) to 2147483649x3 is larger than any tensor can be",
                "use a smaller dilation");
    }

    @Test
    void outputTooLargeForAnArray() {
        // the 40000x40000x1 input (1.6e9 values) fits an array; two filters make 3.2e9, which does not
        run("c", conv(2, 1), grid(40_000, 40_000, 1)).fails("E0403",
                "c: output 40000x40000x2 would have 3,200,000,000 values, more than a Java array can hold (2,147,483,639)",
                "make it smaller with a stride or pooling before this layer");
    }

    @Test
    void weightTooLargeForAnArray() {
        run("c", conv(70_000, 3, 1, PadSpec.SAME), grid(1, 1, 4096)).fails("E0403",
                "c: the weight [70000, 4096, 3, 3] would have 2,580,480,000 values, more than a Java array can hold "
                        + "(2,147,483,639)",
                "use fewer filters or units, or a smaller input to this layer");
    }

    @Test
    void weightCountBeyondALong() {
        Layers.Run r = run("c", grouped(2_000_000_000, Window.of(1 << 30, 1 << 30, 1), PadSpec.SAME, 1, true),
                grid(1, 1, 2));
        // the output 1x1x2000000000 fits; the weight does not even fit a long
        r.fails("E0403", "c: the weight [2000000000, 2, 1073741824, 1073741824] would have more than "
                        + "9,223,372,036,854,775,807 values, more than a Java array can hold (2,147,483,639)",
                "use fewer filters or units, or a smaller input to this layer");
    }
}
