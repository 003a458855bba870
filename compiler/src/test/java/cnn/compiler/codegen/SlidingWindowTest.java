package cnn.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.PadSpec;
import cnn.compiler.testing.Jit;
import cnn.compiler.testing.Ops;
import cnn.compiler.testing.Reference;
import cnn.compiler.testing.TestNet;
import cnn.runtime.model.Model;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * "Convolutional implementation of sliding windows" (lecture notes): a detector trained on
 * 6x6 crops, compiled over a 10x10 image, yields a grid whose cell (i, j) is the detector on the
 * window at (i·S, j·S), S = 2 the product of its strides. The scanner is built as the front end
 * builds {@code slide Detector over 10x10x1}: each dense after flatten becomes a sliding dense,
 * the first over the flattened 2x2x3 extent, the next over 1x1, with the detector's names.
 */
class SlidingWindowTest {

    @Test
    void everyCellEqualsTheDetectorOnItsWindow() {
        TestNet detector = TestNet.input("Detector", 6, 6, 1)
                .add("conv_1", Ops.conv(3, 3, 1, PadSpec.VALID), Activation.of(Activation.Kind.RELU))
                .add("maxpool_1", Ops.maxpool(2, 2, PadSpec.VALID))
                .add("flatten_1", new Op.Flatten())
                .add("dense_1", Ops.dense(4), Activation.of(Activation.Kind.RELU))
                .add("dense_2", Ops.dense(2), Activation.of(Activation.Kind.SOFTMAX));
        TestNet scanner = TestNet.input("Scanner", 10, 10, 1)
                .add("conv_1", Ops.conv(3, 3, 1, PadSpec.VALID), Activation.of(Activation.Kind.RELU))
                .add("maxpool_1", Ops.maxpool(2, 2, PadSpec.VALID))
                .add("dense_1", new Op.SlidingDense(4, 2, 2, 3, true), Activation.of(Activation.Kind.RELU))
                .add("dense_2", new Op.SlidingDense(2, 1, 1, 4, true), Activation.of(Activation.Kind.SOFTMAX))
                .weightsFrom("Detector");
        assertEquals("3x3x2", scanner.shape("dense_2").toString());

        Model d = Jit.factory(detector.build()).init(21);
        Map<String, float[]> weights = d.tensors();
        // the scanner loads the detector's weights as they are
        Model s = Jit.factory(scanner.build()).fromTensors(weights);

        float[] image = Reference.random(new Random(8), 100);
        float[] grid = s.predict(image);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                float[] window = new float[36];
                for (int y = 0; y < 6; y++) {
                    System.arraycopy(image, (2 * i + y) * 10 + 2 * j, window, y * 6, 6);
                }
                float[] expected = d.predict(window);
                float[] cell = Arrays.copyOfRange(grid, (i * 3 + j) * 2, (i * 3 + j) * 2 + 2);
                Reference.assertClose(new double[] {expected[0], expected[1]}, cell, 1e-5);
            }
        }
    }
}
