package cnn.compiler.resolve;

import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Warnings about a model that compiled: W0102 a layer's output that nothing reads (a tensor
 * left behind by {@code from}), W0103 a softmax that is not the end of the network.
 */
final class Warnings {

    private Warnings() {
    }

    static void check(GraphBuilder graph, List<String> outputs, cnn.compiler.diag.Reporter reporter) {
        Set<String> consumed = graph.consumed();
        for (GraphBuilder.Pending p : graph.layers()) {
            if (p.reused()) {
                continue;
            }
            boolean read = consumed.contains(p.name());
            if (!read && !outputs.contains(p.name())) {
                reporter.warning("W0102", p.span(), p.name() + ": its output is never used",
                        "read it with from, concat or add, list it in output, or delete the layer");
            }
            boolean softmax = p.activation().kind() == Activation.Kind.SOFTMAX
                    || p.op() instanceof Op.Act a && a.activation().kind() == Activation.Kind.SOFTMAX;
            if (softmax && read) {
                List<String> readers = new ArrayList<>();
                for (GraphBuilder.Pending q : graph.layers()) {
                    if (q.inputs().contains(p.name())) {
                        readers.add(q.name());
                    }
                }
                reporter.warning("W0103", p.span(), p.name() + ": softmax is not at the end of the network ("
                        + String.join(", ", readers) + " reads it)",
                        "softmax turns scores into probabilities: put it on the last layer only");
            }
        }
    }
}
