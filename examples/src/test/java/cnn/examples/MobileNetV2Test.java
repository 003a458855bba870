package cnn.examples;

import static cnn.examples.Models.grid;
import static cnn.examples.Models.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cnn.compiler.graph.Network;
import cnn.compiler.graph.Op;
import org.junit.jupiter.api.Test;

/** MobileNet v2 (1.0, 224) of Sandler et al. (2018), Table 2, against torchvision.models.mobilenet_v2. */
class MobileNetV2Test {

    /**
     * torchvision MobileNet_V2_Weights.IMAGENET1K_V1: num_params 3,504,872, which counts
     * batchnorm's weight and bias but not its running statistics. Those are 2 per channel of
     * batchnorm layers adding up to 17,056 channels: 34,112. Keras applications' MobileNetV2,
     * built the same way, reports exactly these: Total params 3,538,984, Trainable params
     * 3,504,872, Non-trainable params 34,112.
     */
    @Test
    void torchvisionAndKerasParameters() {
        Network net = Models.model("mobilenet_v2.cnn", "MobileNetV2");
        assertEquals(3_504_872, net.trainableParams());
        assertEquals(3_538_984, net.totalParams());
        assertEquals(34_112, net.totalParams() - net.trainableParams());
        // The last block, 160 → 320 with t = 6 (batchnorm counted 4 per channel):
        // 160·960 + 4·960 + 9·960 + 4·960 + 960·320 + 4·320 = 478,400.
        assertEquals(478_400, Models.scopeParams(net, "inverted_17"));
    }

    /**
     * torchvision documents 0.30 GFLOPS (multiply-adds), the paper 300M. The first block has
     * no expansion: 112²·32·9 + 112²·16·32 = 10,035,200. The second expands 16 to 96 channels
     * and has stride 2: 112²·96·16 + 56²·96·9 + 56²·24·96 = 29,202,432. All in all:
     * 10,838,016 (first conv) + 268,585,856 (17 blocks) + 7²·1280·320 = 20,070,400
     * (last 1x1 conv) + 1280·1000 = 1,280,000 (dense) = 300,774,272.
     */
    @Test
    void torchvisionMacs() {
        Network net = Models.model("mobilenet_v2.cnn", "MobileNetV2");
        assertEquals(10_035_200, Models.scopeMacs(net, "inverted_1"));
        assertEquals(29_202_432, Models.scopeMacs(net, "inverted_2"));
        long blocks = 0;
        for (int k = 1; k <= 17; k++) {
            blocks += Models.scopeMacs(net, "inverted_" + k);
        }
        assertEquals(268_585_856, blocks);
        assertEquals(10_838_016 + 268_585_856 + 20_070_400 + 1_280_000, net.totalMacs());
        assertEquals(300_774_272, net.totalMacs());
        assertEquals(0.30, Math.round(net.totalMacs() / 1e7) / 100.0);
    }

    /** Table 2's rows: the output of the last block of each row. */
    @Test
    void shapesOfTableTwo() {
        Network net = Models.model("mobilenet_v2.cnn", "MobileNetV2");
        long[][] table = {
            {1, 112, 16}, {3, 56, 24}, {6, 28, 32}, {10, 14, 64}, {13, 14, 96}, {16, 7, 160}, {17, 7, 320},
        };
        for (long[] row : table) {
            String scope = "inverted_" + row[0];
            assertEquals(grid(row[1], row[1], row[2]), Models.scopeOutput(net, scope).output(), scope);
        }
        assertEquals(grid(7, 7, 1280), net.node("conv_2").output());
        assertEquals(vector(1000), net.node("dense_1").output());
    }

    /**
     * `residual if s == 1 and in.c == filters` adds the input back in exactly the blocks
     * torchvision's use_res_connect does: all but the first of each row, except the 320 row
     * (one block) and the 96 row's first (64 → 96 channels at stride 1):
     * 0 + 1 + 2 + 3 + 2 + 2 + 0 = 10. The first block has no expansion convolution: 17
     * depthwise layers, and 1 + 16 + 17 + 1 convolutions.
     */
    @Test
    void residualsOnlyWhereShapesAgree() {
        Network net = Models.model("mobilenet_v2.cnn", "MobileNetV2");
        assertEquals(10, Models.count(net, Models::isAdd));
        assertEquals(17, Models.count(net, n -> n.op() instanceof Op.DepthwiseConv));
        assertEquals(1 + 16 + 17 + 1, Models.count(net, Models::isConv));
        assertEquals(1, Models.inScope(net, "inverted_1").stream().filter(Models::isConv).count());
    }
}
