package cnn.compiler.lower;

import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.Shape;
import java.util.List;
import java.util.Optional;

/**
 * One computation of the inference plan: a node, possibly with the batchnorm that follows it
 * folded in.
 *
 * @param node       the layer that computes
 * @param foldedNorm the batchnorm folded into {@code node}'s weights at load time, if any
 * @param inputs     the tensors read, after aliases are resolved (each is computed by an earlier step or is the input)
 * @param output     the tensor written: {@code node}'s name, or the folded batchnorm's
 * @param activation applied after the op (the folded batchnorm's suffix when there is one)
 */
public record Step(Node node, Optional<Node> foldedNorm, List<String> inputs, String output, Activation activation) {

    public Step {
        inputs = List.copyOf(inputs);
    }

    public Shape outputShape() {
        return foldedNorm.map(Node::output).orElse(node.output());
    }

    public List<Shape> inputShapes() {
        return node.inputShapes();
    }

    /** The layer names this step stands for, as the generated comment and method name use them. */
    public String label() {
        return foldedNorm.map(bn -> node.name() + " + " + bn.name()).orElse(node.name());
    }
}
