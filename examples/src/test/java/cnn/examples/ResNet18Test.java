package cnn.examples;

import static cnn.examples.Models.grid;
import static cnn.examples.Models.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cnn.compiler.graph.Network;
import org.junit.jupiter.api.Test;

/** ResNet-18 of He et al. (2016), Table 1, against torchvision.models.resnet18. */
class ResNet18Test {

    /**
     * torchvision ResNet18_Weights.IMAGENET1K_V1: num_params 11,689,512. torchvision counts
     * model.parameters(), which holds batchnorm's weight and bias but not its running mean and
     * variance (buffers); those are our non-trainable parameters: 2 per channel of the 20
     * batchnorm layers, whose channels add up to 64 (stem) + 4·64 + (4·128 + 128) + (4·256 +
     * 256) + (4·512 + 512) = 4,800, so 9,600.
     */
    @Test
    void torchvisionParameters() {
        Network net = Models.model("resnet18.cnn", "ResNet18");
        assertEquals(11_689_512, net.trainableParams());
        assertEquals(9_600, net.totalParams() - net.trainableParams());
        assertEquals(11_699_112, net.totalParams());
    }

    /**
     * Per stage, counting batchnorm as 4 per channel (weight, bias, running mean and variance):
     * <pre>
     *   stem   7·7·3·64 + 4·64                                              9,664
     *   layer1 4·(3·3·64·64 + 4·64)                                       148,480
     *   layer2 3·3·64·128 + 3·(3·3·128·128) + 64·128 (projection)
     *          + 5·4·128                                                  526,848
     *   layer3 (same pattern, 128 → 256)                                2,102,272
     *   layer4 (same pattern, 256 → 512)                                8,398,848
     *   fc     512·1000 + 1000                                            513,000
     * </pre>
     */
    @Test
    void parametersPerStage() {
        Network net = Models.model("resnet18.cnn", "ResNet18");
        assertEquals(148_480, Models.scopeParams(net, "layer1"));
        assertEquals(526_848, Models.scopeParams(net, "layer2"));
        assertEquals(2_102_272, Models.scopeParams(net, "layer3"));
        assertEquals(8_398_848, Models.scopeParams(net, "layer4"));
        assertEquals(513_000, net.node("fc").params());
    }

    /**
     * torchvision documents 1.81 GFLOPS (multiply-adds), the paper 1.8·10⁹. Exactly:
     * <pre>
     *   conv1  112²·64·147                                              118,013,952
     *   layer1 4 convs of 56²·64·576                                    462,422,016
     *   layer2 28²·128·(576 + 3·1152) + 28²·128·64 (projection)         411,041,792
     *   layer3, layer4: the same, as channels double when the map halves  2 · 411,041,792
     *   fc     512·1000                                                     512,000
     *   total                                                         1,814,073,344
     * </pre>
     */
    @Test
    void torchvisionMacs() {
        Network net = Models.model("resnet18.cnn", "ResNet18");
        assertEquals(118_013_952, net.node("conv1").macs());
        assertEquals(462_422_016, Models.scopeMacs(net, "layer1"));
        assertEquals(411_041_792, Models.scopeMacs(net, "layer2"));
        assertEquals(411_041_792, Models.scopeMacs(net, "layer3"));
        assertEquals(411_041_792, Models.scopeMacs(net, "layer4"));
        assertEquals(1_814_073_344L, net.totalMacs());
        assertEquals(1.81, Math.round(net.totalMacs() / 1e7) / 100.0);
    }

    /** Table 1: conv1 112x112, conv2_x 56x56, conv3_x 28x28, conv4_x 14x14, conv5_x 7x7. */
    @Test
    void shapesOfTableOne() {
        Network net = Models.model("resnet18.cnn", "ResNet18");
        assertEquals(grid(112, 112, 64), net.node("conv1").output());
        assertEquals(grid(56, 56, 64), Models.scopeOutput(net, "layer1").output());
        assertEquals(grid(28, 28, 128), Models.scopeOutput(net, "layer2").output());
        assertEquals(grid(14, 14, 256), Models.scopeOutput(net, "layer3").output());
        assertEquals(grid(7, 7, 512), Models.scopeOutput(net, "layer4").output());
        assertEquals(vector(1000), net.node("fc").output());
    }

    /**
     * The 18 layers: conv1, 16 convolutions in 8 basic blocks, fc. Besides them, the three
     * stages that halve the map have a 1x1 projection on their first shortcut; the other five
     * shortcuts are the identity. Every block ends in an add.
     */
    @Test
    void eighteenLayersThreeProjectionsEightAdds() {
        Network net = Models.model("resnet18.cnn", "ResNet18");
        assertEquals(18 + 3, Models.count(net, n -> Models.isConv(n) || Models.isDense(n)));
        assertEquals(3, Models.count(net, Models::isPointwise));
        assertEquals(8, Models.count(net, Models::isAdd));
    }
}
