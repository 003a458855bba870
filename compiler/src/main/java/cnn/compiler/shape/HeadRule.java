package cnn.compiler.shape;

import cnn.compiler.graph.Op;
import cnn.compiler.graph.Shape;
import java.util.List;
import java.util.Optional;

/**
 * Heads pass their input through unchanged; the rule checks that the input has exactly the
 * values the head reads. Zero classes is allowed for {@code localize} and {@code yolo}: a head
 * that only finds "an object" and where it is (objectness and box, no class scores).
 */
final class HeadRule {

    private HeadRule() {
    }

    /** {@code [Pc, bx, by, bh, bw, c1…cC]}. */
    static Optional<LayerFacts> localize(Op.Localize op, Shape input, LayerCheck check) {
        if (!check.atLeast("classes", op.classes(), 0)) {
            return Optional.empty();
        }
        long need = 5L + op.classes();
        return perSample("localize", input, need, "5 + " + classes(op.classes()), check);
    }

    /** {@code [present, l1x, l1y, …]}. */
    static Optional<LayerFacts> landmarks(Op.Landmarks op, Shape input, LayerCheck check) {
        if (!check.atLeast("count", op.count(), 1)) {
            return Optional.empty();
        }
        long need = 1L + 2L * op.count();
        return perSample("landmarks", input, need, "1 + 2 × " + LayerCheck.plural(op.count(), "landmark"), check);
    }

    /** {@code S x S x A·(5 + C)}: per cell and anchor {@code [tx, ty, tw, th, objectness, c1…cC]}. */
    static Optional<LayerFacts> yolo(Op.Yolo op, Shape input, LayerCheck check) {
        boolean ok = check.atLeast("classes", op.classes(), 0);
        List<Op.Anchor> anchors = op.anchors();
        if (anchors.isEmpty()) {
            check.error("E0401", "anchors must list at least one (width, height) box, got none",
                    "e.g. anchors=[(10, 13), (33, 23)], in input pixels");
            ok = false;
        }
        for (int i = 0; i < anchors.size(); i++) {
            Op.Anchor a = anchors.get(i);
            if (!(a.width() > 0 && a.height() > 0) || Double.isInfinite(a.width()) || Double.isInfinite(a.height())) {
                check.error("E0401", "anchor " + (i + 1) + " must have a positive width and height, got ("
                        + number(a.width()) + ", " + number(a.height()) + ")", "anchors are box sizes in input pixels");
                ok = false;
            }
        }
        if (!ok) {
            return Optional.empty();
        }
        long perAnchor = 5L + op.classes();
        long need = anchors.size() * perAnchor;
        String formula = LayerCheck.plural(anchors.size(), "anchor") + " × (5 + " + classes(op.classes()) + ")";
        if (!(input instanceof Shape.Grid g)) {
            check.error("E0303", "yolo needs an S x S x " + need + " grid (" + formula
                    + "), but its input is a vector of " + input.elements() + " values",
                    "end the trunk with conv " + need + ", 1 (" + formula + ") instead of flatten and dense");
            return Optional.empty();
        }
        if (g.c() != need) {
            check.error("E0304", "input " + g + " has " + g.c() + " channels, but the head needs " + formula + " = "
                    + need, "end the trunk with conv " + need + ", 1 (" + formula + ")");
            return Optional.empty();
        }
        return Optional.of(new LayerFacts(input, 0, 0, 0));
    }

    /** A head reading one vector of {@code need} values: a vector, or a 1x1 grid from a conv. */
    private static Optional<LayerFacts> perSample(String op, Shape input, long need, String formula, LayerCheck check) {
        if (input instanceof Shape.Grid g && (g.h() != 1 || g.w() != 1)) {
            check.error("E0303", op + " needs a vector of " + formula + " = " + need
                            + " values (or a 1x1 grid), but its input is the feature map " + g,
                    "end the trunk with flatten and dense " + need + " (" + formula + ")");
            return Optional.empty();
        }
        long have = input.elements();
        if (have != need) {
            String in = input instanceof Shape.Grid g ? "input " + g + " has " + have + " values"
                    : "input has " + have + " values";
            String layer = input instanceof Shape.Grid ? "conv " + need + ", 1" : "dense " + need;
            check.error("E0304", in + ", but the head needs " + formula + " = " + need,
                    "end the trunk with " + layer + " (" + formula + ")");
            return Optional.empty();
        }
        return Optional.of(new LayerFacts(input, 0, 0, 0));
    }

    private static String classes(long n) {
        return n + (n == 1 ? " class" : " classes");
    }

    private static String number(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
