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

/**
 * The PyTorch fixtures of {@code tools/reference/make_fixtures.py} ({@code src/test/resources/reference/},
 * one folder per op, option and whole network) as one dynamic test each, with the fixture's
 * network compiled from its {@code model.cnn}. Sliding-window fixtures have no trainer and pass
 * without a check.
 */
final class ReferenceFixtures {

    /** What a test checks on one trainable fixture network. */
    @FunctionalInterface
    interface Check {
        void run(Path dir, Network net) throws Exception;
    }

    private ReferenceFixtures() {
    }

    static Stream<DynamicTest> trainable(Check check) throws Exception {
        URL root = ReferenceFixtures.class.getResource("/reference");
        assertTrue(root != null, "no reference fixtures on the test classpath");
        List<Path> dirs;
        try (Stream<Path> s = Files.list(Path.of(root.toURI()))) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(dirs.size() > 50, dirs.size() + " fixtures");
        return dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> {
            Compilation c = Compiler.compile(List.of(d.resolve("model.cnn")));
            assertFalse(c.hasErrors(), c.render());
            Network net = c.networks().get(c.networks().size() - 1);
            if (TrainerGenerator.isTrainable(net)) {
                check.run(d, net);
            }
        }));
    }
}
