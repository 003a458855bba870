package cnn.compiler.resolve;

import cnn.compiler.graph.Shape;

/** Values read as tensor shapes: {@code 28x28x1} or {@code (h, w, c)}, and {@code 120} for a vector. */
final class Shapes {

    private Shapes() {
    }

    /** Three whole numbers as a feature map, or null. */
    static Shape.Grid grid(Value v) {
        if (v instanceof Value.Tuple t && t.items().size() == 3) {
            Long h = whole(t.items().get(0));
            Long w = whole(t.items().get(1));
            Long c = whole(t.items().get(2));
            if (h != null && w != null && c != null) {
                return Shape.grid(h, w, c);
            }
        }
        return null;
    }

    /** A feature map, or one whole number (or a 1-tuple) as a vector; null otherwise. */
    static Shape shape(Value v) {
        Shape.Grid g = grid(v);
        if (g != null) {
            return g;
        }
        Value single = v instanceof Value.Tuple t && t.items().size() == 1 ? t.items().get(0) : v;
        Long n = whole(single);
        return n == null ? null : Shape.vector(n);
    }

    private static Long whole(Value v) {
        if (v instanceof Value.Int i) {
            return i.value();
        }
        if (v instanceof Value.Real r && r.value() == Math.rint(r.value()) && Math.abs(r.value()) < 0x1p62) {
            return (long) r.value();
        }
        return null;
    }
}
