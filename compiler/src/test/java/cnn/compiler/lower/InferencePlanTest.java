package cnn.compiler.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.PadSpec;
import cnn.compiler.testing.Ops;
import cnn.compiler.testing.TestNet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InferencePlanTest {

    private static final Op.BatchNorm BN = new Op.BatchNorm(1e-5, 0.1);

    @Test
    void batchNormFoldsOnlyIntoALinearLayerItAloneReads() {
        Network n = TestNet.input("Fold", 8, 8, 3)
                .add("conv_1", Ops.conv(4, 3, 1, PadSpec.SAME))
                .add("bn_1", BN, Activation.of(Activation.Kind.RELU))            // folds
                .add("conv_2", Ops.conv(4, 3, 1, PadSpec.SAME), Activation.of(Activation.Kind.RELU))
                .add("bn_2", BN)                                                // conv_2 has an activation
                .add("conv_3", Ops.conv(4, 3, 1, PadSpec.SAME))
                .add("bn_3", BN)                                                // conv_3 is read twice
                .add("add_1", new Op.Add(), Activation.LINEAR, "bn_3", "conv_3")
                .add("maxpool_1", Ops.maxpool(2, 2, PadSpec.VALID))
                .add("bn_4", BN)                                                // a pool has no weights
                .build();
        Map<String, Node> fused = BatchNormFusion.decide(n);
        assertEquals(List.of("conv_1"), List.copyOf(fused.keySet()));
        InferencePlan plan = InferencePlan.lower(n);
        Step first = plan.steps().get(0);
        assertEquals("bn_1", first.output());
        assertEquals(Activation.Kind.RELU, first.activation().kind());
        assertEquals(List.of("bn_1"), plan.steps().get(1).inputs());
        assertEquals(8, plan.steps().size(), "9 layers, one folded");
    }

    @Test
    void aNetworkOutputIsNeverFoldedAway() {
        Network n = TestNet.input("Out", 4, 4, 1).add("conv_1", Ops.conv(2, 3, 1, PadSpec.VALID)).add("bn_1", BN)
                .outputs("bn_1", "conv_1").build();
        assertTrue(BatchNormFusion.decide(n).isEmpty());
    }

    @Test
    void identityLayersShareTheirInputBuffer() {
        Network n = TestNet.input("Alias", 2, 2, 3)
                .add("flatten_1", new Op.Flatten())
                .add("dropout_1", new Op.Dropout(0.5))
                .add("dense_1", Ops.dense(4))
                .add("localize", new Op.Localize(0), Activation.of(Activation.Kind.SIGMOID))
                .build();
        InferencePlan plan = InferencePlan.lower(n);
        assertEquals(List.of("dense_1", "localize"), plan.steps().stream().map(Step::output).toList(),
                "flatten and dropout vanish; a head with an activation computes it");
        assertEquals(List.of("input"), plan.steps().get(0).inputs());
        assertEquals("input", plan.resolve("dropout_1"));
    }

    /** A chain of ten layers needs two buffers, not ten; a skip keeps its tensor alive until the add. */
    @Test
    void buffersAreReusedAfterTheLastReader() {
        TestNet b = TestNet.input("Chain", 8, 8, 4);
        for (int i = 1; i <= 10; i++) {
            b.add("conv_" + i, Ops.conv(4, 3, 1, PadSpec.SAME));
        }
        InferencePlan chain = InferencePlan.lower(b.build());
        assertEquals(2, chain.buffers().slotSizes().size());

        Network skip = TestNet.input("Skip", 8, 8, 4)
                .add("a", Ops.conv(4, 3, 1, PadSpec.SAME))
                .add("b", Ops.conv(4, 3, 1, PadSpec.SAME))
                .add("c", Ops.conv(4, 3, 1, PadSpec.SAME))
                .add("add", new Op.Add(), Activation.LINEAR, "c", "a")
                .build();
        InferencePlan plan = InferencePlan.lower(skip);
        BufferPlan buf = plan.buffers();
        for (String t : List.of("b", "c", "add")) {
            assertNotEquals(buf.slot("a"), buf.slot(t), "a is read by add, so " + t + " may not overwrite it");
        }
        assertNotEquals(buf.slot("c"), buf.slot("add"));
        assertFalse(buf.slotSizes().stream().anyMatch(s -> s < 256));
    }
}
