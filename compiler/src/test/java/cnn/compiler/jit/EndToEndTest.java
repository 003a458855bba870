package cnn.compiler.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cnn.compiler.Compilation;
import cnn.compiler.Compiler;
import cnn.compiler.graph.Network;
import cnn.compiler.testing.Reference;
import cnn.runtime.model.Model;
import cnn.runtime.model.ModelFactory;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** From {@code .cnn} text through the front end, the generator and in-memory compilation to numbers. */
class EndToEndTest {

    private static Network compile(String source, String model) {
        Compilation c = Compiler.compileSource("test.cnn", source);
        assertFalse(c.hasErrors(), () -> c.render());
        return c.networks().stream().filter(n -> n.name().equals(model)).findFirst().orElseThrow();
    }

    /** LeNet-5 as in the README: 61,706 parameters (LeCun et al. 1998, with full C3 connectivity). */
    @Test
    void lenet5() throws JitException {
        Network n = compile("""
                model LeNet5 {
                    input 32x32x1
                    conv 6, 5 tanh
                    avgpool 2
                    conv 16, 5 tanh
                    avgpool 2
                    flatten
                    dense 120 tanh
                    dense 84 tanh
                    dense 10 softmax
                }
                """, "LeNet5");
        ModelFactory<? extends Model> f = JitModels.compile(n);
        assertEquals(61_706, f.info().parameterCount());
        assertEquals("cnn.generated.LeNet5", f.init(1).getClass().getName());
        float[] p = f.init(1).predict(Reference.random(new Random(1), 1024));
        assertEquals(10, p.length);
        double sum = 0;
        for (float v : p) {
            sum += v;
        }
        assertEquals(1.0, sum, 1e-5);
    }

    /** The lecture notes' vertical edge detector, written with a constant kernel. */
    @Test
    void verticalEdgeFromSource() throws JitException {
        Network n = compile("""
                model Edges {
                    input 6x6x1
                    conv 1, 3 bias=false weights=[[1, 0, -1], [1, 0, -1], [1, 0, -1]]
                }
                """, "Edges");
        float[] image = new float[36];
        for (int y = 0; y < 6; y++) {
            Arrays.fill(image, y * 6, y * 6 + 3, 10f);
        }
        float[] expected = new float[16];
        for (int y = 0; y < 4; y++) {
            System.arraycopy(new float[] {0, 30, 30, 0}, 0, expected, y * 4, 4);
        }
        assertArrayEquals(expected, JitModels.compile(n).init(3).predict(image), 0f);
    }

    /** {@code slide Detector over 10x10x1}: cell (i, j) equals the detector on the window at (2i, 2j). */
    @Test
    void slideOverALargerImage() throws JitException {
        String src = """
                model Detector {
                    input 6x6x1
                    conv 3, 3 relu
                    maxpool 2
                    flatten
                    dense 4 relu
                    dense 2 softmax
                }
                model Scanner = slide Detector over 10x10x1
                """;
        Model d = JitModels.compile(compile(src, "Detector")).init(5);
        Model s = JitModels.compile(compile(src, "Scanner")).fromTensors(d.tensors());
        float[] image = Reference.random(new Random(3), 100);
        float[] grid = s.predict(image);
        assertEquals(18, grid.length);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                float[] window = new float[36];
                for (int y = 0; y < 6; y++) {
                    System.arraycopy(image, (2 * i + y) * 10 + 2 * j, window, y * 6, 6);
                }
                float[] e = d.predict(window);
                Reference.assertClose(new double[] {e[0], e[1]},
                        Arrays.copyOfRange(grid, (i * 3 + j) * 2, (i * 3 + j) * 2 + 2), 1e-5);
            }
        }
    }
}
