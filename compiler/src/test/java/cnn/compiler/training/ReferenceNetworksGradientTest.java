package cnn.compiler.training;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.Compilation;
import cnn.compiler.Compiler;
import cnn.compiler.codegen.training.TrainerGenerator;
import cnn.compiler.graph.Network;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Central differences through every network of the PyTorch inference fixtures, compiled from
 * their {@code model.cnn} by the front end: each op and option as the language writes it (block
 * scopes, sepconv, named merges, the whole LeNet-5, ResNet, Inception and MobileNet v2 stacks),
 * trained in double precision on a batch of 2, up to 40 values of every tensor and of the input.
 */
class ReferenceNetworksGradientTest {

    @TestFactory
    Stream<DynamicTest> backwardMatchesCentralDifferences() throws Exception {
        URL root = getClass().getResource("/reference");
        assertTrue(root != null, "no reference fixtures on the test classpath");
        List<Path> dirs;
        try (Stream<Path> s = Files.list(Path.of(root.toURI()))) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        return dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> check(d)));
    }

    private static void check(Path dir) {
        Compilation c = Compiler.compile(List.of(dir.resolve("model.cnn")));
        assertFalse(c.hasErrors(), c.render());
        Network net = c.networks().get(c.networks().size() - 1);
        if (!TrainerGenerator.isTrainable(net)) {
            return;
        }
        new GradientCheck(net, 2, dir.getFileName().toString().hashCode()).atMost(40).run();
    }
}
