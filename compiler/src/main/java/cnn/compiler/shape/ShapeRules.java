package cnn.compiler.shape;

import cnn.compiler.diag.Reporter;
import cnn.compiler.diag.SourceSpan;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.Shape;
import java.util.List;
import java.util.Optional;

/**
 * One rule per op: output shape, parameters and MACs, and what is wrong with the layer. This
 * dispatch is the op catalogue; each family's rule is a small class beside it ({@link ConvRule},
 * {@link PoolRule}, {@link DenseRule}, {@link ElementwiseRule}, {@link ResizeRule},
 * {@link MergeRule}, {@link HeadRule}).
 *
 * <p>Codes reported here: E0301 output below 1x1, E0302 add/concat mismatch, E0303 needs a vector
 * or a feature map, E0304 head size mismatch, E0306 groups, E0307 merge of fewer than two inputs,
 * E0308 slid dense on other channels, E0309 {@code weights=} of the wrong size, E0401 size below
 * its minimum, E0402 rate out of range, E0403 count too large, E0404 pooling pad over half the
 * kernel, W0101 rows or columns the stride never reads.
 *
 * <p>Decisions where SPEC is silent: {@code classes=0} is allowed for {@code localize} and
 * {@code yolo} (objectness and box only); {@code flatten} of a vector is the identity; a merge or
 * head may read a vector or, for {@code localize}/{@code landmarks}, a 1x1 grid; W0101 is not
 * given when the window is smaller than the stride (a strided 1x1 skips rows by design).
 */
public final class ShapeRules {

    private ShapeRules() {
    }

    /**
     * @param layer  the layer's name, for messages
     * @param inputs the shapes the layer reads: exactly one, except two or more for add and concat
     * @return the layer's facts, or empty when its output cannot be computed (an error was reported)
     * @throws IllegalArgumentException when a single-input op is given another number of inputs:
     *                                  the caller's mistake, not the user's
     */
    public static Optional<LayerFacts> infer(String layer, Op op, List<Shape> inputs, SourceSpan span, Reporter reporter) {
        LayerCheck check = new LayerCheck(layer, span, reporter);
        for (Shape s : inputs) {
            // the model's input is checked by checkInput and every rule's output is valid, so this
            // only fires if a caller skipped that check; it reports rather than computing nonsense
            if (s.dims().stream().anyMatch(d -> d < 1)) {
                check.error("E0401", "input " + s + " has a dimension below 1", null);
                return Optional.empty();
            }
            if (check.tensor("input", s, "use a smaller input").isEmpty()) {
                return Optional.empty();
            }
        }
        if (op instanceof Op.Add) {
            return MergeRule.add(inputs, check);
        } else if (op instanceof Op.Concat) {
            return MergeRule.concat(inputs, check);
        }
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(layer + ": " + op.opName() + " reads one tensor, given " + inputs.size());
        }
        Shape in = inputs.get(0);
        if (op instanceof Op.Conv c) {
            return ConvRule.conv(c, in, check);
        } else if (op instanceof Op.DepthwiseConv d) {
            return ConvRule.depthwise(d, in, check);
        } else if (op instanceof Op.SlidingDense d) {
            return ConvRule.slidingDense(d, in, check);
        } else if (op instanceof Op.Pool p) {
            return PoolRule.pool(p, in, check);
        } else if (op instanceof Op.GlobalPool g) {
            return PoolRule.global(g, in, check);
        } else if (op instanceof Op.Flatten) {
            return DenseRule.flatten(in, check);
        } else if (op instanceof Op.Dense d) {
            return DenseRule.dense(d, in, check);
        } else if (op instanceof Op.Act) {
            return ElementwiseRule.activation(in);
        } else if (op instanceof Op.BatchNorm b) {
            return ElementwiseRule.batchNorm(b, in, check);
        } else if (op instanceof Op.Dropout d) {
            return ElementwiseRule.dropout(d, in, check);
        } else if (op instanceof Op.Upsample u) {
            return ResizeRule.upsample(u, in, check);
        } else if (op instanceof Op.ZeroPad z) {
            return ResizeRule.zeroPad(z, in, check);
        } else if (op instanceof Op.Localize l) {
            return HeadRule.localize(l, in, check);
        } else if (op instanceof Op.Landmarks l) {
            return HeadRule.landmarks(l, in, check);
        } else if (op instanceof Op.Yolo y) {
            return HeadRule.yolo(y, in, check);
        }
        // Op is sealed: a new op without a rule is a compiler bug, caught by ShapeRulesCatalogueTest
        throw new IllegalStateException("no shape rule for " + op.opName());
    }

    /**
     * Checks a model's input shape (or a {@code slide … over} shape): every dimension at least 1
     * (E0401) and small enough for one Java array (E0403).
     *
     * @param what how the message names it, e.g. "input" or the model's name
     */
    public static boolean checkInput(String what, Shape shape, SourceSpan span, Reporter reporter) {
        LayerCheck check = new LayerCheck(what, span, reporter);
        for (long d : shape.dims()) {
            if (d < 1) {
                check.error("E0401", "every dimension must be at least 1, got " + shape, null);
                return false;
            }
        }
        return check.tensor("shape", shape, "use a smaller input").isPresent();
    }
}
