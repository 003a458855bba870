package cnn.compiler.shape;

import cnn.compiler.graph.Op;
import cnn.compiler.graph.Shape;
import java.util.Optional;
import java.util.OptionalLong;

/** {@code flatten} and {@code dense}: the step from feature maps to vectors. */
final class DenseRule {

    private DenseRule() {
    }

    /** Row-major H, W, C; a vector stays as it is (flattening it again changes nothing). */
    static Optional<LayerFacts> flatten(Shape input, LayerCheck check) {
        if (input instanceof Shape.Grid g) {
            OptionalLong n = check.product("the value count", g.h(), g.w(), g.c());
            return n.isEmpty() ? Optional.empty()
                    : check.tensor(Shape.vector(n.getAsLong())).map(s -> new LayerFacts(s, 0, 0, 0));
        }
        return Optional.of(new LayerFacts(input, 0, 0, 0));
    }

    static Optional<LayerFacts> dense(Op.Dense op, Shape input, LayerCheck check) {
        if (!check.atLeast("units", op.units(), 1)) {
            return Optional.empty();
        }
        if (input instanceof Shape.Grid g) {
            check.error("E0303", "dense needs a vector, but its input is the feature map " + g,
                    "add flatten (" + g.elements() + " values) or globalavgpool (" + g.c() + " values) before it");
            return Optional.empty();
        }
        long in = input.elements();
        OptionalLong weights = check.weight(op.units(), in);
        if (weights.isEmpty()) {
            return Optional.empty();
        }
        long params = weights.getAsLong() + (op.bias() ? op.units() : 0);
        return Optional.of(new LayerFacts(Shape.vector(op.units()), params, 0, weights.getAsLong()));
    }
}
