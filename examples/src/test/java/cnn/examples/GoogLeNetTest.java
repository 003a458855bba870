package cnn.examples;

import static cnn.examples.Models.grid;
import static cnn.examples.Models.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.graph.Network;
import cnn.compiler.graph.Shape;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GoogLeNet against Szegedy et al. (2015), "Going deeper with convolutions", Table 1 and
 * section 5, as the paper and Caffe's bvlc_googlenet build it.
 *
 * <p>torchvision's googlenet is a different network with the same layout, so its figures
 * (6,624,904 parameters; 13,004,888 with the auxiliary classifiers) are not ours: it puts
 * batchnorm without running statistics counted (2 per channel) in place of every convolution's
 * bias (1 per channel), and its "5x5" branch uses 3x3 kernels (a slip kept for its weights).
 * The figures below are derived by hand from the paper's Table 1 and section 5.
 */
class GoogLeNetTest {

    /**
     * Parameters, every convolution with a bias:
     * <pre>
     *   stem  7·7·3·64 + 64 + 64·64 + 64 + 3·3·64·192 + 192                       124,416
     *   inception c_in: 1x1·c1 + 1x1·r3 + 3x3·r3·c3 + 1x1·r5 + 5x5·r5·c5 + 1x1·proj, + biases
     *     3a 163,696   3b 388,736   4a 376,176   4b 449,160   4c 510,104
     *     4d 605,376   4e 868,352   5a 1,043,456   5b 1,444,080                 5,849,136
     *   classifier 1024·1000 + 1000                                             1,025,000
     *   main network                                                            6,998,552
     *   auxiliary on 4a: 512·128 + 128 + 2048·1024 + 1024 + 1024·1000 + 1000     3,188,840
     *   auxiliary on 4d: 528·128 + 128 + (the same)                              3,190,888
     *   total                                                                  13,378,280
     * </pre>
     * 6,998,552 is the count usually quoted for bvlc_googlenet without its auxiliary branches.
     */
    @Test
    void parametersDerivedFromTableOne() {
        Network net = Models.model("googlenet.cnn", "GoogLeNet");
        Map<String, Long> inception = Map.of(
                "inception_3a", 163_696L, "inception_3b", 388_736L,
                "inception_4a", 376_176L, "inception_4b", 449_160L, "inception_4c", 510_104L,
                "inception_4d", 605_376L, "inception_4e", 868_352L,
                "inception_5a", 1_043_456L, "inception_5b", 1_444_080L);
        inception.forEach((scope, params) -> assertEquals(params.longValue(), Models.scopeParams(net, scope), scope));
        assertEquals(3_188_840, Models.scopeParams(net, "aux1"));
        assertEquals(3_190_888, Models.scopeParams(net, "aux2"));
        assertEquals(1_025_000, net.node("classifier").params());
        assertEquals(6_998_552 + 3_188_840 + 3_190_888, net.totalParams());
        assertEquals(13_378_280, net.totalParams());
    }

    /**
     * Table 1's "ops" column, in millions of multiply-adds, per inception module (rounded in
     * the table, so within 1M): 3a 128, 3b 304, 4a 73, 4b 88, 4c 100, 4d 119, 4e 170, 5b 71.
     * The table's 5a entry (54M) disagrees with the table's own filter counts for 5a, which
     * are 4e's on a 7x7 map: 7²·1,042,432 weights = 51,079,168; so is 4e's 14²·867,328 =
     * 169,996,288 on a 14x14 map, which does match its row (170M).
     *
     * <p>In all, the main network is 1,582,671,872 multiply-adds, the paper's "1.5 billion
     * multiply-adds at inference time"; the auxiliary classifiers add 4,169,728 (4a: 4²·128·512
     * + 2048·1024 + 1024·1000) and 4,202,496 (4d, 528 channels).
     */
    @Test
    void macsMatchTableOne() {
        Network net = Models.model("googlenet.cnn", "GoogLeNet");
        Map<String, Integer> table = Map.of(
                "inception_3a", 128, "inception_3b", 304, "inception_4a", 73, "inception_4b", 88,
                "inception_4c", 100, "inception_4d", 119, "inception_4e", 170, "inception_5b", 71);
        table.forEach((scope, millions) -> {
            double ours = Models.scopeMacs(net, scope) / 1e6;
            assertTrue(Math.abs(ours - millions) < 1, scope + ": " + ours + "M, Table 1 says " + millions + "M");
        });
        assertEquals(51_079_168, Models.scopeMacs(net, "inception_5a"));
        assertEquals(169_996_288, Models.scopeMacs(net, "inception_4e"));
        // Table 1's second row, the 1x1 reduce and 3x3 conv to 192: 360M.
        long conv2 = net.node("conv_2").macs() + net.node("conv_3").macs();
        assertEquals(56L * 56 * (64 * 64 + 9 * 64 * 192), conv2);
        assertEquals(360, Math.round(conv2 / 1e6));
        assertEquals(4_169_728, Models.scopeMacs(net, "aux1"));
        assertEquals(4_202_496, Models.scopeMacs(net, "aux2"));
        assertEquals(1_582_671_872L + 4_169_728 + 4_202_496, net.totalMacs());
    }

    /** Table 1's output sizes, with ceil-mode pools: 112 → 56 → 28 → 14 → 7. */
    @Test
    void shapesOfTableOne() {
        Network net = Models.model("googlenet.cnn", "GoogLeNet");
        assertEquals(grid(112, 112, 64), net.node("conv_1").output());
        assertEquals(grid(56, 56, 64), net.node("maxpool_1").output());
        assertEquals(grid(56, 56, 192), net.node("conv_3").output());
        assertEquals(grid(28, 28, 192), net.node("maxpool_2").output());
        Map<String, Shape> table = Map.of(
                "inception_3a", grid(28, 28, 256), "inception_3b", grid(28, 28, 480),
                "inception_4a", grid(14, 14, 512), "inception_4b", grid(14, 14, 512),
                "inception_4c", grid(14, 14, 512), "inception_4d", grid(14, 14, 528),
                "inception_4e", grid(14, 14, 832), "inception_5a", grid(7, 7, 832),
                "inception_5b", grid(7, 7, 1024));
        table.forEach((scope, shape) -> assertEquals(shape, Models.scopeOutput(net, scope).output(), scope));
        assertEquals(grid(1, 1, 1024), net.node("avgpool_1").output());
        assertEquals(vector(1000), net.node("classifier").output());
    }

    /** Three outputs, each a 1000-way softmax; the auxiliary ones read 4a and 4d. */
    @Test
    void auxiliaryClassifiersAreExtraOutputs() {
        Network net = Models.model("googlenet.cnn", "GoogLeNet");
        assertEquals(3, net.outputs().size());
        assertEquals(vector(1000), Models.scopeOutput(net, "aux1").output());
        assertEquals(vector(1000), Models.scopeOutput(net, "aux2").output());
        assertEquals(Models.scopeOutput(net, "inception_4a").name(), Models.inScope(net, "aux1").get(0).input());
        assertEquals(Models.scopeOutput(net, "inception_4d").name(), Models.inScope(net, "aux2").get(0).input());
        assertEquals(grid(4, 4, 512), Models.inScope(net, "aux1").get(0).output());
        assertEquals(9, Models.count(net, Models::isConcat));
    }
}
