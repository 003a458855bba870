package cnn.compiler.shape;

import static cnn.compiler.shape.Layers.grid;
import static cnn.compiler.shape.Layers.pad;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Init;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.PadSpec;
import cnn.compiler.graph.Padding;
import cnn.compiler.graph.Shape;
import cnn.compiler.graph.Window;
import org.junit.jupiter.api.Test;

/**
 * Whole networks chained through the rules, against the parameter counts their authors and the
 * usual libraries publish (torchvision, Keras applications).
 */
class PublishedNetworksTest {

    private static final Op RELU = new Op.Act(Activation.of(Activation.Kind.RELU));
    private static final Op RELU6 = new Op.Act(Activation.of(Activation.Kind.RELU6));
    private static final Op BN = new Op.BatchNorm(1e-5, 0.1);

    private static Op conv(int filters, int k, int stride, PadSpec pad, boolean bias) {
        return new Op.Conv(filters, Window.of(k, k, stride), pad, 1, bias, Init.HE, null);
    }

    @Test
    void leNet5() {
        // 32x32x1 → 6 5x5 → pool → 16 5x5 → pool → 120 → 84 → 10: 61,706 parameters
        Chain c = new Chain(grid(32, 32, 1))
                .then(conv(6, 5, 1, PadSpec.VALID, true)).then(Layers.maxpool(2, 2))
                .then(conv(16, 5, 1, PadSpec.VALID, true)).then(Layers.maxpool(2, 2))
                .then(new Op.Flatten()).then(Layers.dense(120)).then(Layers.dense(84)).then(Layers.dense(10));
        assertEquals(Shape.vector(10), c.shape());
        assertEquals(61_706, c.params());
        // 28·28·6·25 + 10·10·16·150 + 400·120 + 120·84 + 84·10
        assertEquals(416_520, c.macs());
    }

    @Test
    void vgg16() {
        Chain c = new Chain(grid(224, 224, 3));
        int[][] stages = {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};
        for (int[] stage : stages) {
            for (int filters : stage) {
                c.then(conv(filters, 3, 1, pad(1), true)).then(RELU);
            }
            c.then(Layers.maxpool(2, 2));
        }
        assertEquals(grid(7, 7, 512), c.shape());
        c.then(new Op.Flatten()).then(Layers.dense(4096)).then(RELU).then(new Op.Dropout(0.5))
                .then(Layers.dense(4096)).then(RELU).then(new Op.Dropout(0.5)).then(Layers.dense(1000));
        assertEquals(138_357_544L, c.params());
        assertEquals(15_470_264_320L, c.macs()); // the 15.47 GMACs usually quoted
    }

    @Test
    void resNet18() {
        Chain c = new Chain(grid(224, 224, 3))
                .then(conv(64, 7, 2, pad(3), false)).then(BN).then(RELU)
                .then(new Op.Pool(Op.PoolKind.MAX, Window.of(3, 3, 2), pad(1)));
        assertEquals(grid(56, 56, 64), c.shape());
        int channels = 64;
        for (int filters : new int[] {64, 128, 256, 512}) {
            for (int block = 0; block < 2; block++) {
                int stride = block == 0 && filters != 64 ? 2 : 1;
                Chain body = new Chain(c.shape()).then(conv(filters, 3, stride, pad(1), false)).then(BN).then(RELU)
                        .then(conv(filters, 3, 1, pad(1), false)).then(BN);
                Chain shortcut = new Chain(c.shape());
                if (stride != 1 || channels != filters) {
                    shortcut.then(conv(filters, 1, stride, PadSpec.VALID, false)).then(BN);
                }
                c.add(body, shortcut).then(RELU);
                channels = filters;
            }
        }
        assertEquals(grid(7, 7, 512), c.shape());
        c.then(new Op.GlobalPool(Op.PoolKind.AVG)).then(Layers.dense(1000));
        assertEquals(Shape.vector(1000), c.shape());
        assertEquals(11_689_512L, c.params()); // torchvision resnet18
        assertEquals(9_600, c.nonTrainable()); // running mean and variance of 4,800 channels
    }

    @Test
    void mobileNetV1() {
        // Keras MobileNet(alpha=1, 224): stride-2 layers pad bottom/right by one, then valid
        Op padEnd = new Op.ZeroPad(new Padding(0, 1, 0, 1));
        Chain c = new Chain(grid(224, 224, 3)).then(padEnd).then(conv(32, 3, 2, PadSpec.VALID, false))
                .then(BN).then(RELU6);
        int[][] blocks = {{64, 1}, {128, 2}, {128, 1}, {256, 2}, {256, 1}, {512, 2}, {512, 1}, {512, 1}, {512, 1},
                {512, 1}, {512, 1}, {1024, 2}, {1024, 1}};
        for (int[] b : blocks) {
            int stride = b[1];
            if (stride == 2) {
                c.then(padEnd);
            }
            c.then(new Op.DepthwiseConv(1, Window.of(3, 3, stride), stride == 2 ? PadSpec.VALID : PadSpec.SAME, false,
                    Init.HE)).then(BN).then(RELU6);
            c.then(conv(b[0], 1, 1, PadSpec.VALID, false)).then(BN).then(RELU6);
        }
        assertEquals(grid(7, 7, 1024), c.shape());
        c.then(new Op.GlobalPool(Op.PoolKind.AVG)).then(new Op.Dropout(1e-3)).then(Layers.dense(1000))
                .then(new Op.Act(Activation.of(Activation.Kind.SOFTMAX)));
        assertEquals(4_231_976L, c.params());
        assertEquals(21_888L, c.nonTrainable());
        assertEquals(4_253_864L, c.params() + c.nonTrainable());
    }
}
