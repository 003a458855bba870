package cnn.compiler.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.graph.Network;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Residuals, branches, loops, conditions, outputs and {@code in}: the graph each statement makes. */
class StructureTest {

    private static final String BASIC = """
            block basic(f, s = 1) {
                residual {
                    conv f, 3 stride=s pad=same bias=false
                    batchnorm relu
                    conv f, 3 pad=same bias=false
                    batchnorm
                } shortcut if s != 1 or in.c != f {
                    conv f, 1 stride=s bias=false
                    batchnorm
                } relu
            }
            """;

    @Test
    void shortcutIfProjectsOnlyWhereStrideOrChannelsChange() {
        Network n = Compile.only(BASIC + """
                model R {
                    input 32x32x64
                    basic(64)
                    down = basic(128, s=2)
                }
                """);
        // identity shortcut: the add reads the block's input and the body
        Node add1 = n.node("basic_1.residual_1");
        assertEquals(List.of("input", "basic_1.batchnorm_2"), add1.inputs());
        assertEquals("relu", add1.activation().toString());
        assertTrue(add1.op() instanceof Op.Add);
        // projection: a strided 1x1 conv and its batchnorm, named on in the scope after the body
        assertEquals(List.of("down.conv_1", "down.batchnorm_1", "down.conv_2", "down.batchnorm_2", "down.conv_3",
                "down.batchnorm_3", "down.residual_1"), Compile.names(n).subList(5, 12));
        assertEquals(List.of("down.batchnorm_3", "down.batchnorm_2"), n.node("down.residual_1").inputs());
        Op.Conv proj = (Op.Conv) n.node("down.conv_3").op();
        assertEquals(1, proj.window().kernelH());
        assertEquals(2, proj.window().strideH());
        assertEquals(Shape.grid(16, 16, 128), n.node("down.residual_1").output());
        // 3x3x64x128 + 3x3x128x128 + 1x1x64x128 convs without bias; three batchnorms of 128 (2+2 each)
        long convs = 3 * 3 * 64 * 128 + 3 * 3 * 128 * 128 + 64 * 128;
        long bns = 3 * 4 * 128;
        long block2 = n.nodes().stream().filter(x -> x.name().startsWith("down.")).mapToLong(x -> x.params()
                + x.nonTrainable()).sum();
        assertEquals(convs + bns, block2);
    }

    @Test
    void residualIfAddsTheSkipOnlyWhereTheConditionHolds() {
        Network n = Compile.only("""
                block inverted(f, s = 1, e = 6) {
                    residual if s == 1 and in.c == f {
                        conv in.c * e, 1 relu6
                        dwconv 3 stride=s pad=same relu6
                        conv f, 1
                    }
                }
                model V2 {
                    input 16x16x24
                    inverted(24)
                    inverted(32, s=2)
                }
                """);
        assertEquals(List.of("inverted_1.conv_1", "inverted_1.dwconv_1", "inverted_1.conv_2",
                "inverted_1.residual_1", "inverted_2.conv_1", "inverted_2.dwconv_1", "inverted_2.conv_2"),
                Compile.names(n));
        assertEquals(Shape.grid(16, 16, 144), n.node("inverted_1.conv_1").output());
        assertEquals(Shape.grid(8, 8, 32), n.node("inverted_2.conv_2").output());
        assertEquals(List.of("inverted_2.conv_2"), n.outputs());
    }

    @Test
    void branchesStartFromTheSameTensorAndConcatAlongChannels() {
        Network n = Compile.only("""
                model Inception {
                    input 28x28x192
                    concat {
                        branch { conv 64, 1 relu }
                        branch { conv 96, 1 relu; conv 128, 3 pad=same relu }
                        branch { conv 16, 1 relu; conv 32, 5 pad=same relu }
                        branch { maxpool 3 stride=1 pad=same; conv 32, 1 relu }
                    } : 28x28x256
                }
                """);
        Node concat = n.node("concat_1");
        assertEquals(List.of("conv_1", "conv_3", "conv_5", "conv_6"), concat.inputs());
        for (String first : List.of("conv_1", "conv_2", "conv_4", "maxpool_1")) {
            assertEquals(List.of("input"), n.node(first).inputs(), first);
        }
        assertEquals(Shape.grid(28, 28, 256), concat.output());
    }

    @Test
    void anEmptyBranchIsTheIdentity() {
        Network n = Compile.only("""
                model M {
                    input 8x8x4
                    add { branch { conv 4, 3 pad=same } branch { } } relu
                }
                """);
        assertEquals(List.of("conv_1", "input"), n.node("add_1").inputs());
    }

    @Test
    void forIsInclusiveAndBindsItsVariable() {
        Network n = Compile.only("""
                model M {
                    input 8x8x1
                    for i in 1..3 { conv 8 * i, 1 }
                    for j in 2..1 { relu }
                }
                """);
        assertEquals(List.of("conv_1", "conv_2", "conv_3"), Compile.names(n));
        assertEquals(Shape.grid(8, 8, 24), n.node("conv_3").output());
    }

    @Test
    void repeatUnrollsAndIfChoosesByValues() {
        Network n = Compile.only("""
                const DEEP = true
                block stage(f, n) {
                    repeat n { conv f, 3 pad=same relu }
                    if f >= 32 { maxpool 2 } else if f >= 16 { avgpool 2 } else { relu }
                }
                model M {
                    input 32x32x3
                    stage(8, 1)
                    stage(16, 2)
                    if DEEP { stage(32, 3) }
                }
                """);
        assertEquals(List.of("stage_1.conv_1", "stage_1.relu_1", "stage_2.conv_1", "stage_2.conv_2",
                "stage_2.avgpool_1", "stage_3.conv_1", "stage_3.conv_2", "stage_3.conv_3", "stage_3.maxpool_1"),
                Compile.names(n));
        assertEquals(Shape.grid(8, 8, 32), n.node("stage_3.maxpool_1").output());
    }

    @Test
    void inIsTheShapeOfTheBlocksInput() {
        Network n = Compile.only("""
                block squeeze(r = 4) {
                    s = globalavgpool
                    dense in.c // r relu
                    dense in.c sigmoid
                    dense in.h * in.w
                }
                model M {
                    input 6x5x32
                    squeeze()
                }
                """);
        assertEquals(Shape.vector(8), n.node("squeeze_1.dense_1").output());
        assertEquals(Shape.vector(32), n.node("squeeze_1.dense_2").output());
        assertEquals(Shape.vector(30), n.node("squeeze_1.dense_3").output());
    }

    @Test
    void blockArgumentsByPositionOrNameWithDefaultsThatSeeEarlierParameters() {
        Network n = Compile.only("""
                block b(f, k = 3, g = f * 2) {
                    conv f, k pad=same
                    conv g, 1
                }
                model M {
                    input 8x8x1
                    b(4)
                    b(2, g=6)
                    b(f=1, k=5)
                }
                """);
        assertEquals(3, ((Op.Conv) n.node("b_1.conv_1").op()).window().kernelH());
        assertEquals(8, ((Op.Conv) n.node("b_1.conv_2").op()).filters());
        assertEquals(6, ((Op.Conv) n.node("b_2.conv_2").op()).filters());
        assertEquals(5, ((Op.Conv) n.node("b_3.conv_1").op()).window().kernelH());
        assertEquals(2, ((Op.Conv) n.node("b_3.conv_2").op()).filters());
    }

    @Test
    void fromOutputsAndNamedInputs() {
        Network n = Compile.only("""
                model TwoHeads {
                    input image 16x16x3
                    trunk = conv 8, 3 pad=same relu
                    boxes = conv 4, 1
                    from trunk
                    classes = conv 2, 1 softmax
                    from image
                    raw = conv 1, 1
                    output boxes, classes, raw
                }
                """);
        assertEquals("image", n.inputName());
        assertEquals(List.of("boxes", "classes", "raw"), n.outputs());
        assertEquals(List.of("image"), n.node("raw").inputs());
        assertEquals(List.of("trunk"), n.node("classes").inputs());
    }

    @Test
    void theDefaultOutputIsTheLastTensor() {
        Network n = Compile.only("""
                model M {
                    input 8x8x1
                    a = conv 2, 1
                    from input
                    b = conv 3, 1
                    add(a, a)
                }
                """);
        assertEquals(List.of("add_1"), n.outputs());
    }

    @Test
    void aBlockCallMayEndInAnActivation() {
        Network n = Compile.only("""
                block c(f) { conv f, 3 pad=same }
                model M {
                    input 8x8x1
                    c(4) relu
                }
                """);
        assertEquals(List.of("c_1.conv_1", "relu_1"), Compile.names(n));
    }

    @Test
    void activationsAsSuffixesAndAlone() {
        Network n = Compile.only("""
                model M {
                    input 8x8x1
                    conv 4, 3 leaky(0.2)
                    conv 4, 1 relu6
                    leaky(0.3)
                    swish
                    flatten
                    dense 10 softmax
                }
                """);
        assertEquals(0.2f, n.node("conv_1").activation().alpha(), 1e-7);
        assertEquals("relu6", n.node("conv_2").activation().toString());
        Op.Act alone = (Op.Act) n.node("leaky_1").op();
        assertEquals(0.3f, alone.activation().alpha(), 1e-7);
        assertEquals("swish", n.node("swish_1").op().opName());
        assertEquals("softmax", n.node("dense_1").activation().toString());
    }

    @Test
    void assertionsHoldAfterAnyStatementIncludingClosingBraces() {
        var c = Compile.clean("""
                block b(f) { conv f, 3 pad=same } 
                model M {
                    input 28x28x1
                    b(8) : 28x28x8
                    repeat 2 { conv 8, 3 } : 24x24x8
                    flatten : 4608
                    from input : 28x28x1
                }
                """);
        assertFalse(c.hasErrors());
    }

    @Test
    void constantWeightsAreFlattenedInOutInKhKwOrder() {
        Network n = Compile.only("""
                const VERTICAL = [[1, 0, -1], [1, 0, -1], [1, 0, -1]]
                model Edges {
                    input 6x6x1
                    frozen { conv 1, 3 weights=VERTICAL bias=false }
                }
                """);
        Op.Conv c = (Op.Conv) n.node("conv_1").op();
        assertEquals(9, c.constantWeights().length);
        assertEquals(1f, c.constantWeights()[0]);
        assertEquals(-1f, c.constantWeights()[2]);
        assertEquals(1f, c.constantWeights()[3]);
        assertTrue(n.node("conv_1").frozen());
        assertEquals(Shape.grid(4, 4, 1), n.node("conv_1").output());
    }

    @Test
    void argumentsTakeTheirSpecForms() {
        Network n = Compile.only("""
                model M {
                    input 28x28x3
                    conv 8, 1x7 pad=(0, 0, 3, 3)
                    conv 8, (7, 1) pad=same stride=(1, 2) dilation=2 groups=2 init=xavier
                    dwconv 3 multiplier=2 pad=1 bias=false
                    zeropad (1, 2, 3, 4)
                    maxpool 3 stride=2 pad=same
                    upsample 2
                    batchnorm eps=1e-3 momentum=0.01
                }
                """);
        Op.Conv c1 = (Op.Conv) n.node("conv_1").op();
        assertEquals(1, c1.window().kernelH());
        assertEquals(7, c1.window().kernelW());
        assertEquals(Shape.grid(28, 28, 8), n.node("conv_1").output());
        Op.Conv c2 = (Op.Conv) n.node("conv_2").op();
        assertEquals(2, c2.window().strideW());
        assertEquals(2, c2.window().dilationH());
        assertEquals(2, c2.groups());
        assertEquals(cnn.compiler.graph.Init.XAVIER, c2.init());
        assertEquals(Shape.grid(28, 14, 8), n.node("conv_2").output());
        assertEquals(Shape.grid(28, 14, 16), n.node("dwconv_1").output());
        assertEquals(Shape.grid(31, 21, 16), n.node("zeropad_1").output());
        assertEquals(Shape.grid(16, 11, 16), n.node("maxpool_1").output());
        Op.BatchNorm bn = (Op.BatchNorm) n.node("batchnorm_1").op();
        assertEquals(1e-3, bn.eps(), 1e-12);
        assertEquals(0.01, bn.momentum(), 1e-12);
    }

    @Test
    void expressionsFollowSpecOperators() {
        Network n = Compile.only("""
                const A = 7
                const B = A // 2 + A % 4
                const C = max(2, min(8, 3 * 3)) - floor(1.5) + ceil(0.2) + round(2.5)
                model M {
                    input 8x8x1
                    conv B, 1
                    conv C, 1
                    conv A > 5 and not (A == 6) ? 5 : 1, 1
                    conv (A / 2) * 2, 1
                }
                """);
        assertEquals(6, ((Op.Conv) n.node("conv_1").op()).filters());
        assertEquals(11, ((Op.Conv) n.node("conv_2").op()).filters());
        assertEquals(5, ((Op.Conv) n.node("conv_3").op()).filters());
        assertEquals(7, ((Op.Conv) n.node("conv_4").op()).filters());
    }
}
