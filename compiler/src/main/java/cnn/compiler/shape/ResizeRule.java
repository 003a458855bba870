package cnn.compiler.shape;

import cnn.compiler.graph.Op;
import cnn.compiler.graph.Padding;
import cnn.compiler.graph.Shape;
import java.util.Optional;
import java.util.OptionalLong;

/** {@code upsample} and {@code zeropad}: change height and width, keep channels, no parameters. */
final class ResizeRule {

    private ResizeRule() {
    }

    static Optional<LayerFacts> upsample(Op.Upsample op, Shape input, LayerCheck check) {
        if (!check.atLeast("factor", op.factor(), 1)) {
            return Optional.empty();
        }
        Shape.Grid in = check.grid(input, "upsample");
        if (in == null) {
            return Optional.empty();
        }
        OptionalLong h = check.product("the output height", in.h(), op.factor());
        OptionalLong w = check.product("the output width", in.w(), op.factor());
        if (h.isEmpty() || w.isEmpty()) {
            return Optional.empty();
        }
        return check.tensor(Shape.grid(h.getAsLong(), w.getAsLong(), in.c())).map(s -> new LayerFacts(s, 0, 0, 0));
    }

    static Optional<LayerFacts> zeroPad(Op.ZeroPad op, Shape input, LayerCheck check) {
        Padding p = op.padding();
        if (p.top() < 0 || p.bottom() < 0 || p.left() < 0 || p.right() < 0) {
            check.error("E0401", "padding must not be negative, got (" + p.top() + ", " + p.bottom() + ", "
                    + p.left() + ", " + p.right() + ")", null);
            return Optional.empty();
        }
        Shape.Grid in = check.grid(input, "zeropad");
        if (in == null) {
            return Optional.empty();
        }
        // ints added to a long below 2^31: cannot overflow
        long h = in.h() + p.top() + p.bottom();
        long w = in.w() + p.left() + p.right();
        return check.tensor(Shape.grid(h, w, in.c())).map(s -> new LayerFacts(s, 0, 0, 0));
    }
}
