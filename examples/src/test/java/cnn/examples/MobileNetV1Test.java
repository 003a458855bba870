package cnn.examples;

import static cnn.examples.Models.grid;
import static cnn.examples.Models.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cnn.compiler.graph.Network;
import cnn.compiler.graph.Op;
import org.junit.jupiter.api.Test;

/**
 * MobileNet v1 (1.0, 224) of Howard et al. (2017), Table 1, against Keras applications'
 * keras.applications.MobileNet(alpha=1.0, input_shape=(224, 224, 3)).
 */
class MobileNetV1Test {

    /**
     * Keras' model.summary(): Total params 4,253,864; Trainable params 4,231,976; Non-trainable
     * params 21,888. Keras, like us, counts batchnorm's moving mean and variance as
     * non-trainable parameters: 2 per channel of 27 batchnorm layers whose channels add up to
     * 32 + (32 + 64) + (64 + 128) + (128 + 128) + (128 + 256) + (256 + 256) + (256 + 512)
     * + 5·(512 + 512) + (512 + 1024) + (1024 + 1024) = 10,944. The paper: 4.2 million.
     */
    @Test
    void kerasParameters() {
        Network net = Models.model("mobilenet_v1.cnn", "MobileNetV1");
        assertEquals(4_253_864, net.totalParams());
        assertEquals(4_231_976, net.trainableParams());
        assertEquals(21_888, net.totalParams() - net.trainableParams());
        // A separable block: 3·3·c_in + 4·c_in (depthwise and its batchnorm)
        // + c_in·filters + 4·filters (pointwise and its batchnorm); the last: 9·1024 + 4·1024
        // + 1024·1024 + 4·1024 = 1,065,984.
        assertEquals(1_065_984, Models.scopeParams(net, "separable_13"));
        assertEquals(1_025_000, net.node("dense_1").params());
    }

    /**
     * The paper's Table 8: 569 million mult-adds. Per layer, output H·W times the multiplies
     * per output (depthwise 9, pointwise c_in):
     * <pre>
     *   conv       112²·32·27                                          10,838,016
     *   block 1    112²·32·9 + 112²·32·64                              29,302,784
     *   block 2    56²·64·9 + 56²·64·128 (stride 2)                    27,496,448
     *   …          blocks 3 to 13 the same way                        500,079,104
     *   dense      1024·1000                                            1,024,000
     *   total                                                         568,740,352
     * </pre>
     */
    @Test
    void macsOfThePaper() {
        Network net = Models.model("mobilenet_v1.cnn", "MobileNetV1");
        assertEquals(10_838_016, net.node("conv_1").macs());
        assertEquals(3_612_672 + 25_690_112, Models.scopeMacs(net, "separable_1"));
        assertEquals(1_806_336 + 25_690_112, Models.scopeMacs(net, "separable_2"));
        assertEquals(568_740_352, net.totalMacs());
        assertEquals(569, Math.round(net.totalMacs() / 1e6));
    }

    /** Table 1: the map halves at blocks 2, 4, 6 and 12; 7x7x1024 before the pool. */
    @Test
    void shapesOfTableOne() {
        Network net = Models.model("mobilenet_v1.cnn", "MobileNetV1");
        assertEquals(grid(112, 112, 32), net.node("conv_1").output());
        long[][] table = {
            {1, 112, 64}, {2, 56, 128}, {3, 56, 128}, {4, 28, 256}, {5, 28, 256}, {6, 14, 512},
            {7, 14, 512}, {11, 14, 512}, {12, 7, 1024}, {13, 7, 1024},
        };
        for (long[] row : table) {
            String scope = "separable_" + row[0];
            assertEquals(grid(row[1], row[1], row[2]), Models.scopeOutput(net, scope).output(), scope);
        }
        assertEquals(13, Models.count(net, n -> n.op() instanceof Op.DepthwiseConv));
        assertEquals(vector(1024), net.node("globalavgpool_1").output());
        assertEquals(vector(1000), net.node("dense_1").output());
    }
}
