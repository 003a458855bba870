package cnn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.Compilation;
import cnn.compiler.cli.Cnnc;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.TensorSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file in {@code models/} compiles without errors and makes a consistent network, so no
 * example can rot when the language or the compiler changes.
 */
class AllModelsTest {

    private static List<Path> modelFiles() throws IOException {
        try (Stream<Path> files = Files.list(Models.DIR)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".cnn")).sorted().toList();
        }
    }

    @Test
    void theShowcaseIsAllThere() throws IOException {
        Set<String> names = new HashSet<>();
        modelFiles().forEach(p -> names.add(p.getFileName().toString()));
        for (String expected : List.of("lenet5.cnn", "lenet5_fashion.cnn", "alexnet.cnn", "vgg16.cnn", "resnet18.cnn",
                "resnet50.cnn", "googlenet.cnn", "mobilenet_v1.cnn", "mobilenet_v2.cnn", "yolov3_tiny.cnn")) {
            assertTrue(names.contains(expected), "models/" + expected + " is missing");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyModelCompilesToAConsistentNetwork() throws IOException {
        return modelFiles().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Compilation compilation = Models.compile(file.getFileName().toString());
            assertFalse(compilation.networks().isEmpty(), file + " defines no model");
            for (Network network : compilation.networks()) {
                checkConsistent(network);
            }
        }));
    }

    /**
     * {@code cnnc summary FILE} in both formats, as a user runs it: exit 0, nothing on stderr,
     * and the JSON totals (SPEC §3) are the compiled network's.
     */
    @TestFactory
    Stream<DynamicTest> cnncSummarisesEveryModel() throws IOException {
        return modelFiles().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String table = summary(file, "table");
            String json = summary(file, "json");
            for (Network network : Models.compile(file.getFileName().toString()).networks()) {
                assertTrue(table.contains("Model: " + network.name()), table);
                assertTrue(json.contains("{\"model\": \"" + network.name() + "\""), json);
                String totals = "\"total_params\": " + network.totalParams() + ", \"trainable_params\": "
                        + network.trainableParams() + ", \"total_macs\": " + network.totalMacs() + "}";
                assertTrue(json.contains(totals), () -> "expected " + totals + " in\n" + json);
            }
        }));
    }

    private static String summary(Path file, String format) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cnnc.run(new String[] {"summary", file.toString(), "--format", format},
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, exit, () -> "cnnc summary " + file + " --format " + format + ":\n" + err);
        assertEquals("", err.toString(), "cnnc summary " + file + " printed on stderr");
        return out.toString();
    }

    /**
     * What a summary shows must add up: unique layer names, every input read before it is
     * used, no empty tensor, and the weights file (SPEC §5) holding exactly the parameters the
     * layers report, trainable ones included.
     */
    private static void checkConsistent(Network network) {
        String model = network.name();
        assertFalse(network.nodes().isEmpty(), model + " has no layers");
        Set<String> seen = new HashSet<>();
        seen.add(network.inputName());
        for (Node node : network.nodes()) {
            for (String input : node.inputs()) {
                assertTrue(seen.contains(input), model + ": " + node.name() + " reads " + input + " before it exists");
            }
            assertTrue(seen.add(node.name()), model + ": two layers are called " + node.name());
            assertTrue(node.output().elements() >= 1, model + ": " + node.name() + " has an empty output");
            assertTrue(node.params() >= 0 && node.macs() >= 0, model + ": " + node.name() + " has negative counts");
        }
        for (String output : network.outputs()) {
            assertTrue(network.shapeOf(output).elements() >= 1, model + ": output " + output);
        }
        List<TensorSpec> tensors = network.tensors();
        Set<String> tensorNames = new HashSet<>();
        tensors.forEach(t -> assertTrue(tensorNames.add(t.name()), model + ": two tensors are called " + t.name()));
        assertEquals(network.totalParams(), tensors.stream().mapToLong(TensorSpec::size).sum(),
                model + ": the weights file holds every parameter");
        assertEquals(network.trainableParams(),
                tensors.stream().filter(TensorSpec::trainable).mapToLong(TensorSpec::size).sum(),
                model + ": trainable tensors are the trainable parameters");
        assertTrue(network.totalMacs() > 0, model + " does no work");
    }
}
