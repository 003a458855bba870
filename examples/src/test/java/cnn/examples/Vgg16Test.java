package cnn.examples;

import static cnn.examples.Models.grid;
import static cnn.examples.Models.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cnn.compiler.graph.Network;
import org.junit.jupiter.api.Test;

/** VGG-16, configuration D of Simonyan and Zisserman (2015), against torchvision.models.vgg16. */
class Vgg16Test {

    /** torchvision VGG16_Weights.IMAGENET1K_V1: num_params 138,357,544 (the paper's Table 2: 138M). */
    @Test
    void torchvisionParameters() {
        Network net = Models.model("vgg16.cnn", "VGG16");
        assertEquals(138_357_544, net.totalParams());
        assertEquals(138_357_544, net.trainableParams());
        // Stage by stage: 38,720 + 221,440 + 1,475,328 + 5,899,776 + 7,079,424 = 14,714,688 in
        // the convolutions, 123,642,856 in the three dense layers.
        assertEquals(38_720, Models.scopeParams(net, "stage_1"));
        assertEquals(7_079_424, Models.scopeParams(net, "stage_5"));
        assertEquals(102_764_544, net.node("dense_1").params());
    }

    /**
     * torchvision documents 15.47 GFLOPS (multiply-adds). Exactly, stage by stage, each conv
     * being H·W·filters·(3·3·c_in):
     * <pre>
     *   stage 1 224²·64·27 + 224²·64·576                  1,936,392,192
     *   stage 2 112²·128·576 + 112²·128·1152              2,774,532,096
     *   stage 3 56²·256·1152 + 2·56²·256·2304             4,624,220,160
     *   stage 4 28²·512·2304 + 2·28²·512·4608             4,624,220,160
     *   stage 5 3·14²·512·4608                            1,387,266,048
     *   dense   25088·4096 + 4096·4096 + 4096·1000          123,633,664
     *   total                                            15,470,264,320
     * </pre>
     */
    @Test
    void torchvisionMacs() {
        Network net = Models.model("vgg16.cnn", "VGG16");
        assertEquals(1_936_392_192L, Models.scopeMacs(net, "stage_1"));
        assertEquals(2_774_532_096L, Models.scopeMacs(net, "stage_2"));
        assertEquals(4_624_220_160L, Models.scopeMacs(net, "stage_3"));
        assertEquals(4_624_220_160L, Models.scopeMacs(net, "stage_4"));
        assertEquals(1_387_266_048L, Models.scopeMacs(net, "stage_5"));
        assertEquals(15_470_264_320L, net.totalMacs());
        assertEquals(15.47, Math.round(net.totalMacs() / 1e7) / 100.0);
    }

    /** Table 1: five stages of 3x3 convolutions, each halving the map: 224 → 112 → 56 → 28 → 14 → 7. */
    @Test
    void stagesHalveTheMap() {
        Network net = Models.model("vgg16.cnn", "VGG16");
        assertEquals(grid(224, 224, 64), net.node("stage_1.conv_2").output());
        assertEquals(grid(112, 112, 64), Models.scopeOutput(net, "stage_1").output());
        assertEquals(grid(56, 56, 128), Models.scopeOutput(net, "stage_2").output());
        assertEquals(grid(28, 28, 256), Models.scopeOutput(net, "stage_3").output());
        assertEquals(grid(14, 14, 512), Models.scopeOutput(net, "stage_4").output());
        assertEquals(grid(7, 7, 512), Models.scopeOutput(net, "stage_5").output());
        assertEquals(vector(25_088), net.node("flatten_1").output());
        // 13 convolutions and 3 dense layers: the 16 of VGG-16.
        assertEquals(13, Models.count(net, Models::isConv));
        assertEquals(3, Models.count(net, Models::isDense));
    }
}
