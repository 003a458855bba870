package cnn.compiler.graph;

import cnn.compiler.diag.SourceSpan;
import java.util.List;
import java.util.Optional;

/**
 * A model after resolution and shape inference: what every later stage starts from.
 *
 * @param packageName  the file's {@code package} line, or "" if none
 * @param inputName    the name of the input tensor ({@code input} unless the model names it)
 * @param nodes        in an order where every node comes after the tensors it reads
 * @param outputs      names of the output tensors; one unless the model says {@code output a, b}
 * @param weightsFrom  for {@code slide D over …}: D's name, whose weights file this model loads
 */
public record Network(String name, String packageName, String inputName, Shape.Grid input, List<Node> nodes,
                      List<String> outputs, Optional<TrainSpec> train, Optional<String> weightsFrom,
                      SourceSpan span) {

    public Network {
        nodes = List.copyOf(nodes);
        outputs = List.copyOf(outputs);
    }

    public Node node(String nodeName) {
        for (Node n : nodes) {
            if (n.name().equals(nodeName)) {
                return n;
            }
        }
        throw new IllegalArgumentException("no layer " + nodeName + " in " + name);
    }

    public Shape shapeOf(String tensor) {
        return tensor.equals(inputName) ? input : node(tensor).output();
    }

    public long totalParams() {
        return nodes.stream().mapToLong(n -> n.params() + n.nonTrainable()).sum();
    }

    public long trainableParams() {
        return nodes.stream().filter(n -> !n.frozen()).mapToLong(Node::params).sum();
    }

    public long totalMacs() {
        return nodes.stream().mapToLong(Node::macs).sum();
    }

    /** Every tensor of the weights file, in node order. */
    public List<TensorSpec> tensors() {
        return nodes.stream().flatMap(n -> WeightLayout.of(n).stream()).toList();
    }
}
