package cnn.compiler.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.graph.Network;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.Shape;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code use … until … frozen}, {@code frozen { }} and {@code slide … over} (SPEC §1.2, §1.6). */
class ReuseTest {

    private static final String BACKBONE = """
            model Backbone {
                input 32x32x3
                conv 16, 3 pad=same relu
                maxpool 2
                features = conv 32, 3 pad=same relu
                maxpool 2
                flatten
                dense 10 softmax
            }
            """;

    @Test
    void useCopiesLayersUntilANameKeepingNamesAndFreezing() {
        Network n = Compile.model(BACKBONE + """
                model Cats {
                    input 32x32x3
                    use Backbone until features frozen
                    globalavgpool
                    dense 3 softmax
                }
                """, "Cats");
        assertEquals(List.of("conv_1", "maxpool_1", "features", "globalavgpool_1", "dense_1"), Compile.names(n));
        for (String reused : List.of("conv_1", "maxpool_1", "features")) {
            assertTrue(n.node(reused).frozen(), reused);
        }
        assertFalse(n.node("dense_1").frozen());
        // trainable: only the new head, 32 * 3 + 3
        assertEquals(99, n.trainableParams());
        long backbone = (3 * 3 * 3 * 16 + 16) + (3 * 3 * 16 * 32 + 32);
        assertEquals(backbone + 99, n.totalParams());
        assertEquals(List.of("input"), n.node("conv_1").inputs());
    }

    @Test
    void useWithoutUntilTakesTheWholeModelAndInfersShapesAgain() {
        Network n = Compile.model("""
                model Features {
                    input 32x32x3
                    conv 8, 3 pad=same relu
                    maxpool 2
                }
                model Bigger {
                    input 64x64x3
                    use Features
                    conv 4, 1
                }
                """, "Bigger");
        assertEquals(Shape.grid(32, 32, 8), n.node("maxpool_1").output());
        assertEquals(List.of("conv_1", "maxpool_1", "conv_2"), Compile.names(n));
        assertFalse(n.node("conv_1").frozen());
    }

    @Test
    void untilMayNameAnAutomaticallyNamedLayerAndOnlyItsAncestorsCome() {
        Network n = Compile.model("""
                model Two {
                    input 8x8x1
                    a = conv 2, 1
                    from input
                    conv 3, 1
                    output a, conv_1
                }
                model One {
                    input 8x8x1
                    use Two until conv_1
                }
                """, "One");
        assertEquals(List.of("conv_1"), Compile.names(n));
    }

    @Test
    void frozenBlocksFreezeTheirLayers() {
        Network n = Compile.only("""
                block stem() { conv 4, 3 pad=same; batchnorm relu }
                model M {
                    input 8x8x1
                    frozen { stem(); conv 4, 1 }
                    conv 2, 1
                }
                """);
        assertTrue(n.node("stem_1.conv_1").frozen());
        assertTrue(n.node("stem_1.batchnorm_1").frozen());
        assertTrue(n.node("conv_1").frozen());
        assertFalse(n.node("conv_2").frozen());
        assertEquals(4 * 2 + 2, n.trainableParams());
    }

    /** The lecture's convolutional sliding window: 14x14x3 → 5x5x16 → FC 400 → FC 400 → 4. */
    private static final String DETECTOR = """
            model Detector {
                input 14x14x3
                conv 16, 5 relu
                maxpool 2
                flatten
                dense 400 relu
                dense 400 relu
                dense 4 softmax
            }
            """;

    @Test
    void slideTurnsDenseAfterFlattenIntoConvolutions() {
        Network d = Compile.model(DETECTOR + "model Scanner = slide Detector over 16x16x3\n", "Detector");
        Network s = Compile.model(DETECTOR + "model Scanner = slide Detector over 16x16x3\n", "Scanner");
        assertEquals(List.of("conv_1", "maxpool_1", "dense_1", "dense_2", "dense_3"), Compile.names(s));
        assertEquals(Optional.of("Detector"), s.weightsFrom());
        Op.SlidingDense first = (Op.SlidingDense) s.node("dense_1").op();
        assertEquals(List.of(5, 5, 16, 400), List.of(first.kernelH(), first.kernelW(), first.channels(), first.units()));
        Op.SlidingDense second = (Op.SlidingDense) s.node("dense_2").op();
        assertEquals(List.of(1, 1, 400), List.of(second.kernelH(), second.kernelW(), second.channels()));
        // 16x16 input, stride 2 overall: a 2x2 grid of the detector's 4 outputs
        assertEquals(Shape.grid(2, 2, 4), s.node("dense_3").output());
        assertEquals(d.totalParams(), s.totalParams());
        assertEquals("softmax", s.node("dense_3").activation().toString());
        assertEquals(d.tensors().toString(), s.tensors().toString());
    }

    @Test
    void slideOverTheLecturesLargerImageGivesAnEightByEightGrid() {
        Network s = Compile.model(DETECTOR + "model Scanner = slide Detector over 28x28x3\n", "Scanner");
        assertEquals(Shape.grid(8, 8, 4), s.node("dense_3").output());
        assertEquals(List.of("dense_3"), s.outputs());
    }

    @Test
    void reusingAModelWithErrorsGivesNoNewErrors() {
        var c = Compile.source("""
                model Bad {
                    input 8x8x1
                    conv 8, 9
                }
                model User {
                    input 8x8x1
                    use Bad
                    conv 2, 1
                }
                """);
        assertEquals(List.of("E0301"), Compile.codes(c));
        assertTrue(c.networks().isEmpty());
    }
}
