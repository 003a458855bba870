package cnn.examples;

import static cnn.examples.Models.grid;
import static cnn.examples.Models.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.graph.Network;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.TrainSpec;
import org.junit.jupiter.api.Test;

/**
 * LeNet-5 against LeCun, Bottou, Bengio and Haffner (1998), "Gradient-based learning applied
 * to document recognition", section II.B and Fig. 2.
 */
class LeNet5Test {

    /**
     * The paper's own parameter count differs from ours in three places that the language
     * cannot express; we start from the paper's per-layer figures and apply the differences:
     * <pre>
     *   paper: C1 156 + S2 12 + C3 1,516 + S4 32 + C5 48,120 + F6 10,164 + RBF output 840 = 60,840
     *   S2, S4: plain averages, no trainable coefficient and bias per map      -12 - 32
     *   C3: every map sees all 6 S2 maps (paper Table I wires subsets)          +2,416 - 1,516
     *         (5·5·6·16 + 16 = 2,416)
     *   output: a dense layer with bias instead of 10 RBF units over F6         +850 - 840
     *   ours: 156 + 2,416 + 48,120 + 10,164 + 850 = 61,706
     * </pre>
     */
    @Test
    void classicParametersAreThePapersWithFullC3AndADenseOutput() {
        Network net = Models.model("lenet5.cnn", "LeNet5");
        long paper = 156 + 12 + 1_516 + 32 + 48_120 + 10_164 + 840;
        assertEquals(60_840, paper);
        assertEquals(paper - 12 - 32 + (2_416 - 1_516) + (850 - 840), net.totalParams());
        assertEquals(61_706, net.totalParams());
        assertEquals(61_706, net.trainableParams());
        // The paper's per-layer figures that are the same here.
        assertEquals(156, net.node("c1").params());
        assertEquals(48_120, net.node("c5").params());
        assertEquals(10_164, net.node("f6").params());
    }

    /**
     * MACs. The paper counts "connections", which are MACs plus one bias addition per output:
     * C1 has 122,304 connections = 28·28·6·25 MACs (117,600) + 28·28·6 biases (4,704); C5 has
     * 48,120 connections = 120·400 (48,000) + 120. C3's paper count (151,600) is for its partial
     * wiring; ours is full: 10·10·16·(5·5·6) = 240,000. F6: 84·120 = 10,080; output 10·84 = 840.
     * Total 117,600 + 240,000 + 48,000 + 10,080 + 840 = 416,520.
     */
    @Test
    void classicMacsMatchThePapersConnectionCounts() {
        Network net = Models.model("lenet5.cnn", "LeNet5");
        assertEquals(122_304 - 28 * 28 * 6, net.node("c1").macs());
        assertEquals(48_120 - 120, net.node("c5").macs());
        assertEquals(240_000, net.node("c3").macs());
        assertEquals(416_520, net.totalMacs());
    }

    /** Fig. 2: C1 6@28x28, S2 6@14x14, C3 16@10x10, S4 16@5x5, C5 120, F6 84, output 10. */
    @Test
    void classicShapesAreFigureTwos() {
        Network net = Models.model("lenet5.cnn", "LeNet5");
        assertEquals(grid(32, 32, 1), net.input());
        assertEquals(grid(28, 28, 6), net.node("c1").output());
        assertEquals(grid(14, 14, 6), net.node("s2").output());
        assertEquals(grid(10, 10, 16), net.node("c3").output());
        assertEquals(grid(5, 5, 16), net.node("s4").output());
        assertEquals(vector(120), net.node("c5").output());
        assertEquals(vector(84), net.node("f6").output());
        Node last = net.nodes().get(net.nodes().size() - 1);
        assertEquals(vector(10), last.output());
    }

    /**
     * The Fashion-MNIST variant keeps LeNet-5's sizes: `same` padding on the 28x28 input gives
     * the 28x28x6 maps the 32x32 original had, so every count equals the classic one above
     * (61,706 parameters, 416,520 MACs). Its first layer is SPEC §3's summary example:
     * conv_1, output [28, 28, 6], 156 parameters, 117,600 MACs.
     */
    @Test
    void fashionVariantHasClassicCountsAndTheSpecSummaryExample() {
        Network net = Models.model("lenet5_fashion.cnn", "LeNet5");
        assertEquals(grid(28, 28, 1), net.input());
        Node first = net.node("conv_1");
        assertEquals(grid(28, 28, 6), first.output());
        assertEquals(156, first.params());
        assertEquals(117_600, first.macs());
        assertEquals(grid(5, 5, 16), net.node("maxpool_2").output());
        assertEquals(61_706, net.totalParams());
        assertEquals(416_520, net.totalMacs());
    }

    /** The train section: Adam at 1e-3, batch 64, ten epochs, cross-entropy. */
    @Test
    void fashionVariantTrainsWithAdam() {
        Network net = Models.model("lenet5_fashion.cnn", "LeNet5");
        assertTrue(net.train().isPresent(), "lenet5_fashion.cnn has a train section");
        TrainSpec train = net.train().get();
        TrainSpec.Adam adam = assertInstanceOf(TrainSpec.Adam.class, train.optimizer());
        assertEquals(1e-3, adam.lr(), 0.0);
        assertEquals(64, train.batch());
        assertEquals(10, train.epochs());
        assertEquals(TrainSpec.Loss.CROSS_ENTROPY, train.loss().orElseThrow());
    }
}
