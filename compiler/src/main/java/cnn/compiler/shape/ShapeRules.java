package cnn.compiler.shape;

import cnn.compiler.diag.Reporter;
import cnn.compiler.diag.SourceSpan;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.Shape;
import java.util.List;
import java.util.Optional;

/** One rule per op: output shape, parameters and MACs, and what is wrong with the layer. */
public final class ShapeRules {

    private ShapeRules() {
    }

    /**
     * @param layer  the layer's name, for messages
     * @param inputs the shapes the layer reads (two or more for add and concat)
     * @return the layer's facts, or empty when its output cannot be computed (an error was reported)
     */
    public static Optional<LayerFacts> infer(String layer, Op op, List<Shape> inputs, SourceSpan span, Reporter reporter) {
        throw new UnsupportedOperationException("shape rules are being written");
    }
}
