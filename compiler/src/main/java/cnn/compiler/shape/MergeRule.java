package cnn.compiler.shape;

import cnn.compiler.graph.Shape;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** {@code add} (equal shapes, summed element-wise) and {@code concat} (along channels, or vectors end to end). */
final class MergeRule {

    private MergeRule() {
    }

    static Optional<LayerFacts> add(List<Shape> inputs, LayerCheck check) {
        if (!twoOrMore("add", inputs, check)) {
            return Optional.empty();
        }
        List<Shape> distinct = new ArrayList<>(new LinkedHashSet<>(inputs));
        if (distinct.size() > 1) {
            check.error("E0302", "branch shapes differ: " + list(distinct), addHint(distinct));
            return Optional.empty();
        }
        return Optional.of(new LayerFacts(inputs.get(0), 0, 0, 0));
    }

    static Optional<LayerFacts> concat(List<Shape> inputs, LayerCheck check) {
        if (!twoOrMore("concat", inputs, check)) {
            return Optional.empty();
        }
        List<Shape> distinct = new ArrayList<>(new LinkedHashSet<>(inputs));
        boolean grids = inputs.stream().allMatch(s -> s instanceof Shape.Grid);
        boolean vectors = inputs.stream().allMatch(s -> s instanceof Shape.Vector);
        if (!grids && !vectors) {
            check.error("E0302", "cannot concat feature maps with vectors: " + list(distinct),
                    "flatten or globalavgpool the feature maps first");
            return Optional.empty();
        }
        long total = 0;
        for (Shape s : inputs) {
            OptionalLong sum = check.sum(grids ? "the channel count" : "the value count", total, s.channels());
            if (sum.isEmpty()) {
                return Optional.empty();
            }
            total = sum.getAsLong();
        }
        if (vectors) {
            return check.tensor(Shape.vector(total)).map(s -> new LayerFacts(s, 0, 0, 0));
        }
        Shape.Grid first = (Shape.Grid) inputs.get(0);
        List<String> sizes = distinct.stream().map(s -> (Shape.Grid) s).map(g -> g.h() + "x" + g.w())
                .distinct().toList();
        if (sizes.size() > 1) {
            Shape.Grid smallest = distinct.stream().map(s -> (Shape.Grid) s)
                    .min(Comparator.comparingLong(g -> g.h() * g.w())).orElseThrow();
            check.error("E0302", "branch sizes differ: " + list(distinct) + " (concat needs equal height and width)",
                    "make every branch " + smallest.h() + "x" + smallest.w()
                            + ", e.g. with pad=same and the same strides in every branch");
            return Optional.empty();
        }
        return check.tensor(Shape.grid(first.h(), first.w(), total)).map(s -> new LayerFacts(s, 0, 0, 0));
    }

    /** E0307: a merge of one tensor is almost certainly a missing branch. */
    private static boolean twoOrMore(String op, List<Shape> inputs, LayerCheck check) {
        if (inputs.size() >= 2) {
            return true;
        }
        check.error("E0307", op + " needs two or more inputs, got " + inputs.size(),
                "give " + op + " a second branch or tensor");
        return false;
    }

    /**
     * Aim every branch at the deepest shape (smallest map, most channels): a 1x1 conv with its
     * channels, strided when the map is a whole multiple larger. This is ResNet's projection.
     */
    private static String addHint(List<Shape> distinct) {
        if (!distinct.stream().allMatch(s -> s instanceof Shape.Grid)) {
            Shape first = distinct.get(0);
            return first instanceof Shape.Vector
                    ? "make every branch a vector of " + first.elements() + " values"
                    : "make every branch " + first;
        }
        Shape.Grid target = distinct.stream().map(s -> (Shape.Grid) s)
                .min(Comparator.<Shape.Grid>comparingLong(g -> g.h() * g.w()).thenComparing(g -> -g.c()))
                .orElseThrow();
        List<String> fixes = new ArrayList<>();
        for (Shape s : distinct) {
            Shape.Grid g = (Shape.Grid) s;
            if (g.equals(target)) {
                continue;
            }
            boolean strided = g.h() % target.h() == 0 && g.w() % target.w() == 0
                    && g.h() / target.h() == g.w() / target.w();
            if (!strided) {
                return "make every branch " + target;
            }
            long stride = g.h() / target.h();
            fixes.add("the " + g + " branch a 1x1 conv with " + target.c() + " filters"
                    + (stride > 1 ? ", stride " + stride : ""));
        }
        return "give " + String.join("; give ", fixes);
    }

    /** "a and b", "a, b and c". */
    static String list(List<?> items) {
        if (items.size() == 1) {
            return items.get(0).toString();
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(i == items.size() - 1 ? " and " : ", ");
            }
            sb.append(items.get(i));
        }
        return sb.toString();
    }
}
