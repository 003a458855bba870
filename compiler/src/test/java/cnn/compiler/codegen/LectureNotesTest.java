package cnn.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import cnn.compiler.graph.Init;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.PadSpec;
import cnn.compiler.graph.Window;
import cnn.compiler.testing.Jit;
import cnn.compiler.testing.Ops;
import cnn.compiler.testing.TestNet;
import cnn.runtime.model.Model;
import org.junit.jupiter.api.Test;

/** The worked examples of the lecture notes (shared/seed), run through generated code. */
class LectureNotesTest {

    /** "An example of convolution operation to detect vertical edges": 6x6 * 3x3 = 4x4. */
    @Test
    void verticalEdgeDetector() {
        float[] kernel = {1, 0, -1, 1, 0, -1, 1, 0, -1};
        Network n = TestNet.input("Edges", 6, 6, 1)
                .add("conv_1", new Op.Conv(1, Window.of(3, 3, 1), PadSpec.VALID, 1, true, Init.HE, kernel))
                .build();
        Model m = Jit.factory(n).init(7);
        float[] image = new float[36];
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 3; x++) {
                image[y * 6 + x] = 10;
            }
        }
        float[] row = {0, 30, 30, 0};
        float[] expected = new float[16];
        for (int y = 0; y < 4; y++) {
            System.arraycopy(row, 0, expected, y * 4, 4);
        }
        assertArrayEquals(expected, m.predict(image), 0f);
    }

    private static final float[] NOTES_4X4 = {
        2, 3, 1, 9,
        4, 7, 3, 5,
        8, 2, 2, 2,
        1, 3, 4, 5,
    };

    /** "Max-Pool with a 2 by 2 filter and stride 2" → 7 9 / 8 5. */
    @Test
    void maxPool() {
        Network n = TestNet.input("Max", 4, 4, 1).add("maxpool_1", Ops.maxpool(2, 2, PadSpec.VALID)).build();
        assertArrayEquals(new float[] {7, 9, 8, 5}, Jit.factory(n).init(0).predict(NOTES_4X4), 0f);
    }

    /**
     * "Average Pool with a 2 by 2 filter and stride 2". The notes print 4 4.5 / 3.25 3.25, but
     * their bottom-left window is 8 2 / 1 3, whose mean is 14 / 4 = 3.5 (the other three
     * windows: 16 / 4 = 4, 18 / 4 = 4.5, 13 / 4 = 3.25 agree with the notes). The slip is in the
     * notes, so the test asserts the arithmetic.
     */
    @Test
    void averagePool() {
        Network n = TestNet.input("Avg", 4, 4, 1).add("avgpool_1", Ops.avgpool(2, 2, PadSpec.VALID)).build();
        assertArrayEquals(new float[] {4, 4.5f, 3.5f, 3.25f}, Jit.factory(n).init(0).predict(NOTES_4X4), 0f);
    }
}
