package cnn.compiler.training;


import cnn.compiler.graph.Network;
import java.nio.file.Path;
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
        return ReferenceFixtures.trainable(ReferenceNetworksGradientTest::check);
    }

    private static void check(Path dir, Network net) {
        new GradientCheck(net, 2, dir.getFileName().toString().hashCode()).atMost(40).run();
    }
}
