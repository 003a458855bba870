package cnn.compiler.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cnn.compiler.graph.Network;
import cnn.compiler.graph.Shape;
import org.junit.jupiter.api.Test;

/**
 * The lecture notes' worked examples (seed notes), written as .cnn sources and compiled end to
 * end: output sizes, and the MAC counts the notes derive (Inception bottleneck, MobileNet).
 */
class LectureExamplesTest {

    @Test
    void sixBySixConvolvedWithThreeByThreeIsFourByFour() {
        Network n = Compile.only("model E { input 6x6x1; conv 1, 3 }");
        assertEquals(Shape.grid(4, 4, 1), n.node("conv_1").output());
    }

    @Test
    void sevenBySevenWithStrideTwoIsThreeByThree() {
        Network n = Compile.only("model E { input 7x7x1; conv 1, 3 stride=2 }");
        assertEquals(Shape.grid(3, 3, 1), n.node("conv_1").output());
    }

    @Test
    void samePaddingKeepsSixBySix() {
        // p = (f - 1) / 2 = 1, written both ways
        Network n = Compile.only("model E { input 6x6x1; conv 1, 3 pad=same; conv 1, 3 pad=1 }");
        assertEquals(Shape.grid(6, 6, 1), n.node("conv_1").output());
        assertEquals(Shape.grid(6, 6, 1), n.node("conv_2").output());
    }

    @Test
    void inceptionFiveByFiveCostsOneHundredTwentyMillionMacs() {
        Network n = Compile.only("model E { input 28x28x192; conv 32, 5 pad=same }");
        assertEquals(120_422_400L, n.totalMacs());
        assertEquals(Shape.grid(28, 28, 32), n.node("conv_1").output());
    }

    @Test
    void aOneByOneBottleneckCutsItToTwelveMillion() {
        Network n = Compile.only("model E { input 28x28x192; conv 16, 1; conv 32, 5 pad=same }");
        assertEquals(2_408_448L, n.node("conv_1").macs());
        assertEquals(10_035_200L, n.node("conv_2").macs());
        assertEquals(12_443_648L, n.totalMacs());
    }

    @Test
    void depthwiseSeparableCostsSixHundredSeventyTwoInsteadOfTwoThousandOneHundredSixty() {
        Network normal = Compile.only("model E { input 6x6x3; conv 5, 3 }");
        assertEquals(2_160L, normal.totalMacs());
        Network separable = Compile.only("model E { input 6x6x3; sepconv 5, 3 }");
        assertEquals(432L, separable.node("sepconv_1.depthwise").macs());
        assertEquals(240L, separable.node("sepconv_1.pointwise").macs());
        assertEquals(672L, separable.totalMacs());
        assertEquals(Shape.grid(4, 4, 5), separable.node("sepconv_1.pointwise").output());
    }

    private static final String YOLO = """
            model Yolo {
                input 100x100x3
                conv 16, 3 stride=2 pad=same leaky   // 50x50
                maxpool 2                            // 25x25
                conv 32, 3 stride=2 pad=same leaky   // 13x13
                maxpool 2                            // 6x6
                maxpool 2                            // 3x3
                conv %d, 1
                yolo classes=3 anchors=%s
            }
            """;

    @Test
    void aThreeByThreeYoloGridOfEightValuesPerCell() {
        Network n = Compile.only(YOLO.formatted(8, "[(40, 40)]"));
        // pc, bx, by, bh, bw and three classes per cell
        assertEquals(Shape.grid(3, 3, 8), n.node("yolo_1").output());
    }

    @Test
    void twoAnchorsMakeSixteenValuesPerCell() {
        Network n = Compile.only(YOLO.formatted(16, "[(40, 40), (80, 30)]"));
        assertEquals(Shape.grid(3, 3, 16), n.node("yolo_1").output());
    }

    @Test
    void leNetFiveHasSixtyThousandParameters() {
        Network n = Compile.only("""
                model LeNet5 {
                    input 32x32x1
                    conv 6, 5 tanh
                    avgpool 2
                    conv 16, 5 tanh
                    avgpool 2
                    flatten
                    dense 120 tanh
                    dense 84 tanh
                    dense 10 softmax
                }
                """);
        // the notes: "it has 60K params"; the exact count of this LeNet-5
        assertEquals(61_706L, n.totalParams());
        assertEquals(Shape.vector(400), n.node("flatten_1").output());
    }
}
