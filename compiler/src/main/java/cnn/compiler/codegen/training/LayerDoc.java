package cnn.compiler.codegen.training;

import cnn.compiler.codegen.Expr;
import cnn.compiler.graph.Node;
import cnn.compiler.lower.training.TrainingPlan;
import java.util.stream.Collectors;

/** The comment above each layer's forward method: name, op, shapes, parameters, what training keeps. */
final class LayerDoc {

    private LayerDoc() {
    }

    static String of(StepContext c, TrainingPlan plan) {
        Node n = c.node();
        StringBuilder b = new StringBuilder();
        b.append(n.name()).append(": ").append(n.op().opName());
        if (!c.step().activation().isLinear()) {
            b.append(", then ").append(c.step().activation());
        } else if (!n.activation().isLinear()) {
            b.append(" (its ").append(n.activation()).append(" is fused into the loss)");
        }
        b.append("\n");
        b.append(n.inputShapes().stream().map(Object::toString).collect(Collectors.joining(" and ")))
                .append(" -> ").append(n.output())
                .append(", ").append(Expr.count(n.params())).append(" params")
                .append(n.frozen() ? " (frozen in the source)" : "")
                .append(", ").append(Expr.count(n.macs())).append(" MACs per sample\n");
        if (c.step().savesPreActivation()) {
            b.append("keeps its values before the activation for the backward pass\n");
        }
        return b.toString();
    }
}
