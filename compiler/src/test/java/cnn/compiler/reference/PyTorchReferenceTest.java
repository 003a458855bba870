package cnn.compiler.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cnn.compiler.Compilation;
import cnn.compiler.Compiler;
import cnn.compiler.graph.Network;
import cnn.compiler.jit.JitModels;
import cnn.runtime.io.FloatArray;
import cnn.runtime.io.Npy;
import cnn.runtime.model.Model;
import cnn.runtime.model.ModelInfo;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The whole pipeline against PyTorch: for every fixture of {@code tools/reference/make_fixtures.py},
 * compile {@code model.cnn} with the front end, generate its Java, compile that in memory, load
 * {@code weights.npz} (which must hold exactly the tensors the compiler names, SPEC §1.4 and §5),
 * run {@code input.npy} and compare with PyTorch's {@code output.npy} element by element within
 * {@link Closeness#TOLERANCE}.
 */
class PyTorchReferenceTest {

    @TestFactory
    Stream<DynamicTest> generatedCodeMatchesPyTorch() {
        List<ReferenceFixture> fixtures = ReferenceFixture.all();
        assertTrue(fixtures.size() > 0, "no fixtures under " + ReferenceFixture.RESOURCE_ROOT);
        return fixtures.stream().map(f -> DynamicTest.dynamicTest(f.name(), f.model().toUri(), () -> check(f)));
    }

    private static void check(ReferenceFixture f) throws Exception {
        Network network = compile(f);
        Model model = JitModels.compile(network).load(f.weights());
        ModelInfo info = model.info();
        FloatArray input = Npy.readFloat(f.input());
        FloatArray expected = Npy.readFloat(f.output());
        int n = input.shape()[0];
        assertArrayEquals(new int[] {n, info.inputHeight(), info.inputWidth(), info.inputChannels()}, input.shape(),
                f.name() + ": input.npy does not fit the model's input");
        int[] outputShape = batchShape(n, info.outputShapes().get(0));
        assertArrayEquals(expected.shape(), outputShape, () -> f.name() + ": the model's output is "
                + Arrays.toString(outputShape) + " per batch, PyTorch's " + Arrays.toString(expected.shape()));

        float[] batch = new float[n * info.outputSize(0)];
        model.predict(input.data(), n, batch);
        Closeness.compare(batch, expected.data(), expected.shape(), Closeness.TOLERANCE)
                .ifPresent(m -> fail(f.name() + " (batch of " + n + "): " + m));

        // The one-sample entry point is a separate path through the generated code.
        int sample = info.inputSize();
        float[] first = model.predict(Arrays.copyOfRange(input.data(), 0, sample));
        float[] firstExpected = Arrays.copyOfRange(expected.data(), 0, info.outputSize(0));
        Closeness.compare(first, firstExpected, Arrays.copyOfRange(outputShape, 1, outputShape.length),
                Closeness.TOLERANCE).ifPresent(m -> fail(f.name() + " (one sample): " + m));
    }

    private static Network compile(ReferenceFixture f) throws Exception {
        Compilation c = Compiler.compile(List.of(f.model()));
        if (c.hasErrors()) {
            fail(f.name() + ": model.cnn does not compile:\n" + c.render());
        }
        String name = f.modelUnderTest();
        return c.networks().stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(f.name() + ": no model " + name + " among "
                        + c.networks().stream().map(Network::name).collect(Collectors.joining(", "))));
    }

    private static int[] batchShape(int n, List<Integer> sample) {
        int[] shape = new int[sample.size() + 1];
        shape[0] = n;
        for (int i = 0; i < sample.size(); i++) {
            shape[i + 1] = sample.get(i);
        }
        return shape;
    }
}
