package cnn.examples;

import static cnn.examples.Models.grid;
import static cnn.examples.Models.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cnn.compiler.graph.Network;
import org.junit.jupiter.api.Test;

/**
 * ResNet-50 of He et al. (2016), Table 1, as torchvision.models.resnet50 builds it ("v1.5": the
 * stride of a bottleneck on its 3x3, not its first 1x1, which is why torchvision's 4.09 GMACs
 * exceeds the paper's 3.8·10⁹).
 */
class ResNet50Test {

    /**
     * torchvision ResNet50_Weights.IMAGENET1K_V1: num_params 25,557,032 (weights and batchnorm
     * weight and bias). The running statistics, 2 per channel of 26,560 batchnorm channels, are
     * 53,120: Keras applications' ResNet50, whose batchnorm layers are the same, reports that
     * figure as its "non-trainable params". (Its convolutions also have biases, one per
     * batchnorm channel: 25,557,032 + 26,560 = 25,583,592, its "trainable params".)
     */
    @Test
    void torchvisionParameters() {
        Network net = Models.model("resnet50.cnn", "ResNet50");
        assertEquals(25_557_032, net.trainableParams());
        assertEquals(53_120, net.totalParams() - net.trainableParams());
        assertEquals(25_610_152, net.totalParams());
        assertEquals(2_049_000, net.node("fc").params());
    }

    /**
     * torchvision documents 4.09 GFLOPS (multiply-adds). Per stage:
     * <pre>
     *   conv1   112²·64·147                                                         118,013,952
     *   layer1  56²·(64·64 + 64·576 + 256·64) + 56²·256·64 (projection)
     *           + 2·56²·(64·256 + 64·576 + 256·64)                                  667,942,912
     *   layer2  first block: 56²·128·256 + 28²·(128·1152 + 512·128) + 28²·512·256
     *           + 3·28²·(128·512 + 128·1152 + 512·128)                            1,027,604,480
     *   layer3  (the same pattern, 6 blocks of width 256)                         1,464,336,384
     *   layer4  (3 blocks of width 512)                                             809,238,528
     *   fc      2048·1000                                                             2,048,000
     *   total                                                                     4,089,184,256
     * </pre>
     */
    @Test
    void torchvisionMacs() {
        Network net = Models.model("resnet50.cnn", "ResNet50");
        assertEquals(118_013_952, net.node("conv1").macs());
        assertEquals(667_942_912, Models.scopeMacs(net, "layer1"));
        assertEquals(1_027_604_480, Models.scopeMacs(net, "layer2"));
        assertEquals(1_464_336_384, Models.scopeMacs(net, "layer3"));
        assertEquals(809_238_528, Models.scopeMacs(net, "layer4"));
        assertEquals(4_089_184_256L, net.totalMacs());
        assertEquals(4.09, Math.round(net.totalMacs() / 1e7) / 100.0);
    }

    /** Table 1: conv2_x 56x56x256, conv3_x 28x28x512, conv4_x 14x14x1024, conv5_x 7x7x2048. */
    @Test
    void shapesOfTableOne() {
        Network net = Models.model("resnet50.cnn", "ResNet50");
        assertEquals(grid(112, 112, 64), net.node("conv1").output());
        assertEquals(grid(56, 56, 256), Models.scopeOutput(net, "layer1").output());
        assertEquals(grid(28, 28, 512), Models.scopeOutput(net, "layer2").output());
        assertEquals(grid(14, 14, 1024), Models.scopeOutput(net, "layer3").output());
        assertEquals(grid(7, 7, 2048), Models.scopeOutput(net, "layer4").output());
        assertEquals(vector(1000), net.node("fc").output());
    }

    /**
     * The 50 layers: conv1, 3·16 convolutions in 16 bottlenecks, fc; plus one projection per
     * stage (layer1's first block changes 64 channels to 256). Of the convolutions, 2 per
     * bottleneck and the 4 projections are 1x1.
     */
    @Test
    void fiftyLayersFourProjectionsSixteenAdds() {
        Network net = Models.model("resnet50.cnn", "ResNet50");
        assertEquals(50 + 4, Models.count(net, n -> Models.isConv(n) || Models.isDense(n)));
        assertEquals(2 * 16 + 4, Models.count(net, Models::isPointwise));
        assertEquals(16, Models.count(net, Models::isAdd));
    }
}
