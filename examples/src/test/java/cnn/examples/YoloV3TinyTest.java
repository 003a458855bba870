package cnn.examples;

import static cnn.examples.Models.grid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cnn.compiler.graph.Network;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.Shape;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** YOLOv3-tiny against Darknet's cfg/yolov3-tiny.cfg, its weights file and its printout. */
class YoloV3TinyTest {

    /**
     * Darknet's yolov3-tiny.weights is 35,434,956 bytes: a 20-byte header (major, minor,
     * revision as int32, images seen as int64), then every float of the network, 4 bytes each:
     * (35,434,956 - 20) / 4 = 8,858,734. For a "batch_normalize=1" convolution Darknet stores
     * beta, gamma, rolling mean, rolling variance and the kernel, exactly what we count as its
     * parameters (batchnorm 4 per channel, 2 of them non-trainable); for the two linear 1x1
     * convolutions before the heads, bias and kernel.
     * <pre>
     *   kernels  3·9·16 + 16·9·32 + 32·9·64 + 64·9·128 + 128·9·256 + 256·9·512 + 512·9·1024
     *            + 1024·256 + 256·9·512 + 256·128 + 384·9·256                  8,649,648
     *   heads    512·255 + 255 + 256·255 + 255                                   196,350
     *   batchnorm 4·(16 + 32 + 64 + 128 + 256 + 512 + 1024 + 256 + 512 + 128 + 256)
     *            = 4·3,184                                                        12,736
     *   total                                                                  8,858,734
     * </pre>
     */
    @Test
    void parametersAreTheFloatsOfDarknetsWeightsFile() {
        Network net = Models.model("yolov3_tiny.cnn", "YoloV3Tiny");
        assertEquals((35_434_956 - 20) / 4, net.totalParams());
        assertEquals(8_858_734, net.totalParams());
        assertEquals(2 * 3_184, net.totalParams() - net.trainableParams());
    }

    /**
     * Darknet prints this when it loads the cfg (one line per convolution; its max pool,
     * route, upsample and yolo lines print no operations). It counts FLOPs as
     * 2 · (multiplies of a MAC), so each BFLOPs figure is 2 · MACs / 10⁹.
     */
    private static final List<String> DARKNET_CONVOLUTIONS = List.of(
            " 0 conv   16 3x3/1 416x416x3 -> 416x416x16 0.150 BFLOPs",
            " 2 conv   32 3x3/1 208x208x16 -> 208x208x32 0.399 BFLOPs",
            " 4 conv   64 3x3/1 104x104x32 -> 104x104x64 0.399 BFLOPs",
            " 6 conv  128 3x3/1 52x52x64 -> 52x52x128 0.399 BFLOPs",
            " 8 conv  256 3x3/1 26x26x128 -> 26x26x256 0.399 BFLOPs",
            "10 conv  512 3x3/1 13x13x256 -> 13x13x512 0.399 BFLOPs",
            "12 conv 1024 3x3/1 13x13x512 -> 13x13x1024 1.595 BFLOPs",
            "13 conv  256 1x1/1 13x13x1024 -> 13x13x256 0.089 BFLOPs",
            "14 conv  512 3x3/1 13x13x256 -> 13x13x512 0.399 BFLOPs",
            "15 conv  255 1x1/1 13x13x512 -> 13x13x255 0.044 BFLOPs",
            "18 conv  128 1x1/1 13x13x256 -> 13x13x128 0.011 BFLOPs",
            "21 conv  256 3x3/1 26x26x384 -> 26x26x256 1.196 BFLOPs",
            "22 conv  255 1x1/1 26x26x256 -> 26x26x255 0.088 BFLOPs");

    /** Darknet's layer numbers of the convolutions, in the order the cfg has them. */
    private static final int[] DARKNET_LAYER = {0, 2, 4, 6, 8, 10, 12, 13, 14, 15, 18, 21, 22};

    @Test
    void convolutionsMatchDarknetsPrintout() {
        Network net = Models.model("yolov3_tiny.cnn", "YoloV3Tiny");
        List<Node> convs = net.nodes().stream().filter(Models::isConv).toList();
        assertEquals(DARKNET_LAYER.length, convs.size());
        for (int i = 0; i < convs.size(); i++) {
            assertEquals(DARKNET_CONVOLUTIONS.get(i), darknetLine(DARKNET_LAYER[i], convs.get(i)));
        }
    }

    private static String darknetLine(int layer, Node node) {
        Op.Conv conv = (Op.Conv) node.op();
        return String.format(Locale.ROOT, "%2d conv %4d %dx%d/%d %s -> %s %.3f BFLOPs", layer, conv.filters(),
                conv.window().kernelH(), conv.window().kernelW(), conv.window().strideH(), node.inputShape(),
                node.output(), 2.0 * node.macs() / 1e9);
    }

    /**
     * pjreddie's YOLO page gives YOLOv3-tiny 5.56 Bn FLOPs: 2 · 2,782,480,896 MACs
     * = 5,564,961,792. AlexeyAB's Darknet prints "Total BFLOPS 5.571": it adds one operation
     * per max-pool window element, out·size², 2·2·(16·208² + 32·104² + 64·52² + 128·26²
     * + 256·13² + 512·13²) = 5,710,848.
     */
    @Test
    void macsAreHalfOfDarknetsFlops() {
        Network net = Models.model("yolov3_tiny.cnn", "YoloV3Tiny");
        assertEquals(2_782_480_896L, net.totalMacs());
        assertEquals(5.56, Math.round(2.0 * net.totalMacs() / 1e7) / 100.0);
        long maxpool = net.nodes().stream()
                .filter(n -> n.op() instanceof Op.Pool p && p.kind() == Op.PoolKind.MAX)
                .mapToLong(n -> n.output().elements() * 2 * 2)
                .sum();
        assertEquals(5_710_848, maxpool);
        assertEquals(5.571, Math.round((2.0 * net.totalMacs() + maxpool) / 1e6) / 1000.0);
    }

    /** Two heads: 13x13 with the three large anchors, 26x26 with the three small ones; 3·(5 + 80) = 255. */
    @Test
    void twoYoloHeadsWithAnchors() {
        Network net = Models.model("yolov3_tiny.cnn", "YoloV3Tiny");
        assertEquals(2, net.outputs().size());
        List<Node> heads = net.nodes().stream().filter(n -> n.op() instanceof Op.Yolo).toList();
        assertEquals(2, heads.size());
        assertHead(heads.get(0), grid(13, 13, 255), List.of(new Op.Anchor(81, 82), new Op.Anchor(135, 169),
                new Op.Anchor(344, 319)));
        assertHead(heads.get(1), grid(26, 26, 255), List.of(new Op.Anchor(10, 14), new Op.Anchor(23, 27),
                new Op.Anchor(37, 58)));
        // Darknet's layer 11: a 2x2 max pool of stride 1 keeps 13x13 by padding one pixel at the end.
        Node pool11 = Models.only(net, "stride-1 max pool",
                n -> n.op() instanceof Op.Pool p && p.window().strideH() == 1);
        assertEquals(grid(13, 13, 512), pool11.output());
        // Layer 20, "route 19 8": the upsampled 128 channels, then layer 8's 256.
        Node route = Models.only(net, "concat", Models::isConcat);
        assertEquals(List.of(grid(26, 26, 128), grid(26, 26, 256)), route.inputShapes());
        assertEquals(grid(26, 26, 384), route.output());
    }

    private static void assertHead(Node head, Shape output, List<Op.Anchor> anchors) {
        Op.Yolo yolo = (Op.Yolo) head.op();
        assertEquals(80, yolo.classes());
        assertEquals(anchors, yolo.anchors());
        assertEquals(output, head.output());
    }
}
