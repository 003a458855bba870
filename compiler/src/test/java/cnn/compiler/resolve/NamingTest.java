package cnn.compiler.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cnn.compiler.graph.Network;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.Op;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC §1.4: how layers are named. */
class NamingTest {

    @Test
    void unnamedLayersCountTheirOpWithinTheModel() {
        Network n = Compile.only("""
                model M {
                    input 28x28x1
                    conv 6, 5 relu
                    maxpool 2
                    conv 16, 5 relu
                    maxpool 2
                    flatten
                    dense 120 relu
                    dense 10 softmax
                }
                """);
        assertEquals(List.of("conv_1", "maxpool_1", "conv_2", "maxpool_2", "flatten_1", "dense_1", "dense_2"),
                Compile.names(n));
    }

    @Test
    void aNameNamesTheLayerAndLeavesTheCountOfUnnamedOnes() {
        Network n = Compile.only("""
                model M {
                    input 28x28x1
                    conv 6, 3
                    c2 = conv 8, 3
                    conv 8, 3
                }
                """);
        assertEquals(List.of("conv_1", "c2", "conv_2"), Compile.names(n));
    }

    @Test
    void blockCallsAreScopesNamedByAssignmentOrByBlockAndCount() {
        Network n = Compile.only("""
                block basic(f) {
                    conv f, 3 pad=same relu
                    conv f, 3 pad=same
                }
                model M {
                    input 8x8x4
                    basic(4)
                    b = basic(8)
                    basic(8)
                    conv 2, 1
                }
                """);
        assertEquals(List.of("basic_1.conv_1", "basic_1.conv_2", "b.conv_1", "b.conv_2", "basic_2.conv_1",
                "basic_2.conv_2", "conv_1"), Compile.names(n));
    }

    @Test
    void nestedBlocksNestTheirScopes() {
        Network n = Compile.only("""
                block inner(f) {
                    conv f, 1
                }
                block outer(f) {
                    inner(f)
                    x = inner(f)
                    conv f, 1
                }
                model M {
                    input 4x4x2
                    outer(2)
                }
                """);
        assertEquals(List.of("outer_1.inner_1.conv_1", "outer_1.x.conv_1", "outer_1.conv_1"), Compile.names(n));
    }

    @Test
    void sepconvIsTwoLayersDepthwiseThenPointwise() {
        Network n = Compile.only("""
                model M {
                    input 6x6x3
                    sepconv 5, 3
                    s = sepconv 4, 3 pad=same relu
                }
                """);
        assertEquals(List.of("sepconv_1.depthwise", "sepconv_1.pointwise", "s.depthwise", "s.pointwise"),
                Compile.names(n));
        Node dw = n.node("sepconv_1.depthwise");
        Node pw = n.node("sepconv_1.pointwise");
        assertEquals("dwconv", dw.op().opName());
        assertEquals("conv", pw.op().opName());
        Op.Conv conv = (Op.Conv) pw.op();
        assertEquals(1, conv.window().kernelH());
        assertEquals(5, conv.filters());
        // the activation follows the pair, on the pointwise layer
        assertEquals("relu", n.node("s.pointwise").activation().toString());
        assertEquals("linear", n.node("s.depthwise").activation().toString());
        assertEquals(List.of("s.depthwise"), n.node("s.pointwise").inputs());
    }

    @Test
    void mergesAreNamedByKindAndCounted() {
        Network n = Compile.only("""
                model M {
                    input 8x8x4
                    residual { conv 4, 3 pad=same }
                    residual { conv 4, 3 pad=same }
                    concat { branch { conv 2, 1 } branch { conv 2, 1 } }
                    a = conv 4, 1
                    from input
                    b = conv 4, 1
                    add(a, b)
                    add { branch { conv 4, 1 } branch { } }
                    concat(a, b)
                }
                """);
        assertEquals(List.of("conv_1", "residual_1", "conv_2", "residual_2", "conv_3", "conv_4", "concat_1", "a",
                "b", "add_1", "conv_5", "add_2", "concat_2"), Compile.names(n));
    }

    @Test
    void loopAndConditionBodiesAreNotScopes() {
        Network n = Compile.only("""
                model M {
                    input 8x8x1
                    repeat 2 { conv 4, 3 pad=same }
                    for i in 1..2 { conv 4 * i, 1 }
                    if true { relu } else { tanh }
                }
                """);
        assertEquals(List.of("conv_1", "conv_2", "conv_3", "conv_4", "relu_1"), Compile.names(n));
    }

    @Test
    void aNamedLayerInsideRepeatIsADuplicate() {
        var c = Compile.source("""
                model M {
                    input 8x8x1
                    repeat 2 { x = conv 4, 3 pad=same }
                }
                """);
        assertEquals(List.of("E0203"), Compile.codes(c));
    }

    @Test
    void automaticNamesStepOverNamesAlreadyTaken() {
        Network n = Compile.only("""
                model M {
                    input 8x8x1
                    conv_1 = conv 4, 1
                    conv 4, 1
                }
                """);
        assertEquals(List.of("conv_1", "conv_2"), Compile.names(n));
    }
}
