package cnn.compiler.shape;

import cnn.compiler.graph.Op;
import cnn.compiler.graph.PadSpec;
import cnn.compiler.graph.Shape;
import cnn.compiler.graph.Window;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Convolutions: {@code conv} (grouped or not), {@code dwconv}, and a {@code dense} turned into a
 * convolution by {@code slide … over}. Parameters and MACs as SPEC §1.3 counts them.
 */
final class ConvRule {

    private static final String SMALLER = "use pad=same or a smaller kernel";

    private ConvRule() {
    }

    static Optional<LayerFacts> conv(Op.Conv op, Shape input, LayerCheck check) {
        boolean ok = check.atLeast("filters", op.filters(), 1);
        ok &= check.atLeast("groups", op.groups(), 1);
        ok &= Sliding.validWindow(op.window(), check);
        ok &= Sliding.validPad(op.pad(), check);
        if (!ok) {
            return Optional.empty();
        }
        Shape.Grid in = check.grid(input, "conv");
        if (in == null || !groupsDivide(op, in, check)) {
            return Optional.empty();
        }
        Window w = op.window();
        long perFilter = in.c() / op.groups();
        Sliding.Out out = Sliding.out(in, w, op.pad(), check, SMALLER);
        if (out == null) {
            return Optional.empty();
        }
        Optional<Shape> shape = check.tensor(Shape.grid(out.h(), out.w(), op.filters()));
        OptionalLong weights = check.weight(op.filters(), perFilter, w.kernelH(), w.kernelW());
        if (shape.isEmpty() || weights.isEmpty()
                || op.constantWeights() != null && !constantWeightsFit(op, perFilter, weights.getAsLong(), check)) {
            return Optional.empty();
        }
        long params = weights.getAsLong() + (op.bias() ? op.filters() : 0);
        OptionalLong macs = check.product("the MAC count", shape.get().elements(), w.kernelH(), w.kernelW(), perFilter);
        return macs.isEmpty() ? Optional.empty() : Optional.of(new LayerFacts(shape.get(), params, 0, macs.getAsLong()));
    }

    static Optional<LayerFacts> depthwise(Op.DepthwiseConv op, Shape input, LayerCheck check) {
        boolean ok = check.atLeast("multiplier", op.multiplier(), 1);
        ok &= Sliding.validWindow(op.window(), check);
        ok &= Sliding.validPad(op.pad(), check);
        if (!ok) {
            return Optional.empty();
        }
        Shape.Grid in = check.grid(input, "dwconv");
        if (in == null) {
            return Optional.empty();
        }
        Window w = op.window();
        Sliding.Out out = Sliding.out(in, w, op.pad(), check, SMALLER);
        if (out == null) {
            return Optional.empty();
        }
        OptionalLong channels = check.product("the channel count", in.c(), op.multiplier());
        if (channels.isEmpty()) {
            return Optional.empty();
        }
        long c = channels.getAsLong();
        Optional<Shape> shape = check.tensor(Shape.grid(out.h(), out.w(), c));
        OptionalLong weights = check.weight(c, 1, w.kernelH(), w.kernelW());
        if (shape.isEmpty() || weights.isEmpty()) {
            return Optional.empty();
        }
        long params = weights.getAsLong() + (op.bias() ? c : 0);
        OptionalLong macs = check.product("the MAC count", shape.get().elements(), w.kernelH(), w.kernelW());
        return macs.isEmpty() ? Optional.empty() : Optional.of(new LayerFacts(shape.get(), params, 0, macs.getAsLong()));
    }

    /** A dense layer of a slid detector: a valid, stride-1 convolution over the extent it flattened. */
    static Optional<LayerFacts> slidingDense(Op.SlidingDense op, Shape input, LayerCheck check) {
        boolean ok = check.atLeast("units", op.units(), 1);
        ok &= check.atLeast("channels", op.channels(), 1);
        Window w = Window.of(op.kernelH(), op.kernelW(), 1);
        ok &= Sliding.validWindow(w, check);
        if (!ok) {
            return Optional.empty();
        }
        Shape.Grid in = check.grid(input, "dense");
        if (in == null) {
            return Optional.empty();
        }
        if (in.c() != op.channels()) {
            check.error("E0308", "input " + in + " has " + in.c() + " channels, but this dense layer was built for "
                    + op.kernelH() + "x" + op.kernelW() + "x" + op.channels() + " values",
                    "slide the model over an input with as many channels as the model it slides");
            return Optional.empty();
        }
        Sliding.Out out = Sliding.out(in, w, PadSpec.VALID, check,
                "slide over a larger input: this layer needs at least " + op.kernelH() + "x" + op.kernelW() + " here");
        if (out == null) {
            return Optional.empty();
        }
        Optional<Shape> shape = check.tensor(Shape.grid(out.h(), out.w(), op.units()));
        // the dense layout [units, kh·kw·c]; kh·kw·c is at most the input's size, so it cannot overflow
        OptionalLong weights = check.weight(op.units(), (long) op.kernelH() * op.kernelW() * op.channels());
        if (shape.isEmpty() || weights.isEmpty()) {
            return Optional.empty();
        }
        long params = weights.getAsLong() + (op.bias() ? op.units() : 0);
        OptionalLong macs = check.product("the MAC count", shape.get().elements(), op.kernelH(), op.kernelW(),
                op.channels());
        return macs.isEmpty() ? Optional.empty() : Optional.of(new LayerFacts(shape.get(), params, 0, macs.getAsLong()));
    }

    /** E0306: each group sees {@code c_in / groups} channels and makes {@code filters / groups}. */
    private static boolean groupsDivide(Op.Conv op, Shape.Grid in, LayerCheck check) {
        int g = op.groups();
        boolean channels = in.c() % g == 0;
        boolean filters = op.filters() % g == 0;
        if (channels && filters) {
            return true;
        }
        String what = !channels && !filters
                ? "divides neither the " + in.c() + " channels of input " + in + " nor the " + op.filters() + " filters"
                : !channels ? "does not divide the " + in.c() + " channels of input " + in
                : "does not divide the " + op.filters() + " filters (input " + in + ")";
        check.error("E0306", "groups=" + g + " " + what,
                "use groups that divides both " + in.c() + " and " + op.filters() + ", e.g. "
                        + largestCommonDivisorAtMost(in.c(), op.filters(), g));
        return false;
    }

    /** The largest number at most {@code limit} dividing both: the nearest valid groups below the user's. */
    private static long largestCommonDivisorAtMost(long a, long b, long limit) {
        long gcd = gcd(a, b);
        long best = 1;
        for (long d = 1; d * d <= gcd; d++) {
            if (gcd % d == 0) {
                if (d <= limit) {
                    best = Math.max(best, d);
                }
                if (gcd / d <= limit) {
                    best = Math.max(best, gcd / d);
                }
            }
        }
        return best;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** {@code weights=} must hold exactly one value per weight: {@code [out][in/groups][kh][kw]}. */
    private static boolean constantWeightsFit(Op.Conv op, long perFilter, long expected, LayerCheck check) {
        if (op.constantWeights().length == expected) {
            return true;
        }
        String layout = "[" + op.filters() + "][" + perFilter + "][" + op.window().kernelH() + "]["
                + op.window().kernelW() + "]";
        check.error("E0309", "weights= has " + op.constantWeights().length + " values, but [out][in/groups][kh][kw] = "
                        + layout + " needs " + expected,
                "give one value per weight, nested as " + layout
                        + " (or [kh][kw] for one filter on one channel)");
        return false;
    }
}
