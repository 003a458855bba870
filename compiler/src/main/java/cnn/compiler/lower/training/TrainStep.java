package cnn.compiler.lower.training;

import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.Shape;
import java.util.List;
import java.util.Optional;

/**
 * One computing layer of the training forward pass and its backward pass.
 *
 * @param node             the layer
 * @param inputs           the tensors it reads, after aliases are resolved
 * @param activation       the activation applied after the op in training (a final softmax or
 *                         sigmoid that the loss fuses is left out)
 * @param savesPreActivation the op's output before the activation is kept for the backward pass
 *                         (swish needs it, and a max pool finds its winner in it)
 * @param assignsGradient  per input: this step is the first (in backward order) to write that
 *                         input's gradient, so it assigns rather than adds
 * @param layer            the trainable layer this step computes with, if any
 */
public record TrainStep(Node node, List<String> inputs, Activation activation, boolean savesPreActivation,
                        List<Boolean> assignsGradient, Optional<TrainLayer> layer) {

    public TrainStep {
        inputs = List.copyOf(inputs);
        assignsGradient = List.copyOf(assignsGradient);
    }

    public String output() {
        return node.name();
    }

    public Shape outputShape() {
        return node.output();
    }

    public List<Shape> inputShapes() {
        return node.inputShapes();
    }
}
