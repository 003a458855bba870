package cnn.examples;

import static cnn.examples.Models.grid;
import static cnn.examples.Models.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cnn.compiler.graph.Network;
import org.junit.jupiter.api.Test;

class AlexNetTest {

    /** torchvision.models.alexnet, AlexNet_Weights.IMAGENET1K_V1: num_params 61,100,840. */
    @Test
    void torchvisionParameters() {
        Network net = Models.model("alexnet.cnn", "AlexNet");
        assertEquals(61_100_840, net.totalParams());
        assertEquals(61_100_840, net.trainableParams());
    }

    /**
     * torchvision documents 0.71 GFLOPS (its "FLOPS" are multiply-adds). Exactly:
     * <pre>
     *   conv1 55·55·64·(11·11·3)    70,276,800     conv4 13·13·256·(3·3·384)  149,520,384
     *   conv2 27·27·192·(5·5·64)   223,948,800     conv5 13·13·256·(3·3·256)   99,680,256
     *   conv3 13·13·384·(3·3·192)  112,140,288     fc    9216·4096 + 4096·4096 + 4096·1000
     *                                                       = 58,621,952
     *   total 714,188,480
     * </pre>
     */
    @Test
    void torchvisionMacs() {
        Network net = Models.model("alexnet.cnn", "AlexNet");
        assertEquals(70_276_800, net.node("conv_1").macs());
        assertEquals(223_948_800, net.node("conv_2").macs());
        assertEquals(714_188_480, net.totalMacs());
        assertEquals(0.71, Math.round(net.totalMacs() / 1e7) / 100.0);
    }

    @Test
    void torchvisionShapes() {
        Network net = Models.model("alexnet.cnn", "AlexNet");
        assertEquals(grid(55, 55, 64), net.node("conv_1").output());
        assertEquals(grid(27, 27, 192), net.node("conv_2").output());
        assertEquals(grid(13, 13, 256), net.node("conv_5").output());
        assertEquals(grid(6, 6, 256), net.node("maxpool_3").output());
        assertEquals(vector(1000), net.node("dense_3").output());
    }

    /**
     * The 2012 paper's network has conv 2, 4 and 5 split over two GPUs, so each of their
     * filters sees half the channels (the paper: "256 kernels of size 5x5x48", "384 kernels of
     * size 3x3x192", "256 kernels of size 3x3x192"). Its LRN layers have no parameters. This is
     * the count of Caffe's bvlc_alexnet, 60,965,224:
     * <pre>
     *   conv1 11·11·3·96 + 96       =     34,944    fc6 9216·4096 + 4096  = 37,752,832
     *   conv2 5·5·48·256 + 256      =    307,456    fc7 4096·4096 + 4096  = 16,781,312
     *   conv3 3·3·256·384 + 384     =    885,120    fc8 4096·1000 + 1000  =  4,097,000
     *   conv4 3·3·192·384 + 384     =    663,936
     *   conv5 3·3·192·256 + 256     =    442,624    total                   60,965,224
     * </pre>
     */
    @Test
    void paperParametersWithTwoGpuGroups() {
        Network net = Models.model("alexnet.cnn", "AlexNetPaper");
        assertEquals(34_944, net.node("conv_1").params());
        assertEquals(307_456, net.node("conv_2").params());
        assertEquals(885_120, net.node("conv_3").params());
        assertEquals(663_936, net.node("conv_4").params());
        assertEquals(442_624, net.node("conv_5").params());
        assertEquals(37_752_832, net.node("dense_1").params());
        assertEquals(60_965_224, net.totalParams());
    }

    /**
     * MACs of the paper's network: conv1 55·55·96·363 = 105,415,200; conv2 27·27·256·(25·48)
     * = 223,948,800; conv3 13·13·384·2304 = 149,520,384; conv4 13·13·384·1728 = 112,140,288;
     * conv5 13·13·256·1728 = 74,760,192; fully connected 58,621,952; total 724,406,816, the
     * "724M MACs" usually quoted for AlexNet.
     */
    @Test
    void paperMacs() {
        Network net = Models.model("alexnet.cnn", "AlexNetPaper");
        assertEquals(105_415_200, net.node("conv_1").macs());
        assertEquals(74_760_192, net.node("conv_5").macs());
        assertEquals(724_406_816, net.totalMacs());
    }

    /**
     * Fig. 2 gives the neurons per layer: 253,440–186,624–64,896–64,896–43,264–4096–4096–1000.
     * All but the first agree with the maps here (27·27·256, 13·13·384, 13·13·384, 13·13·256);
     * the first is a known misprint: 55·55·96 = 290,400, and no input size gives 253,440.
     */
    @Test
    void paperShapesMatchFigureTwo() {
        Network net = Models.model("alexnet.cnn", "AlexNetPaper");
        assertEquals(grid(227, 227, 3), net.input());
        assertEquals(grid(55, 55, 96), net.node("conv_1").output());
        assertEquals(186_624, net.node("conv_2").output().elements());
        assertEquals(64_896, net.node("conv_3").output().elements());
        assertEquals(64_896, net.node("conv_4").output().elements());
        assertEquals(43_264, net.node("conv_5").output().elements());
        assertEquals(vector(4096), net.node("dense_1").output());
        assertEquals(vector(4096), net.node("dense_2").output());
        assertEquals(vector(1000), net.node("dense_3").output());
    }
}
