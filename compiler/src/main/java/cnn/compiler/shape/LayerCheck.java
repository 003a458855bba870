package cnn.compiler.shape;

import cnn.compiler.diag.Reporter;
import cnn.compiler.diag.SourceSpan;
import cnn.compiler.graph.Shape;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The layer a rule is looking at: where its findings go, and counting that reports instead of
 * overflowing. Every message starts with the layer's name, so rules only write what went wrong.
 */
final class LayerCheck {

    /** The most floats a Java array holds on common JVMs; a larger tensor can never be allocated. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final String layer;
    private final SourceSpan span;
    private final Reporter reporter;

    LayerCheck(String layer, SourceSpan span, Reporter reporter) {
        this.layer = layer;
        this.span = span;
        this.reporter = reporter;
    }

    String layer() {
        return layer;
    }

    void error(String code, String message, String hint) {
        reporter.error(code, span, layer + ": " + message, hint);
    }

    void warning(String code, String message, String hint) {
        reporter.warning(code, span, layer + ": " + message, hint);
    }

    /** E0401 unless {@code value >= min}; {@code what} names the argument as the user wrote it. */
    boolean atLeast(String what, long value, long min) {
        if (value >= min) {
            return true;
        }
        error("E0401", what + " must be at least " + min + ", got " + value, null);
        return false;
    }

    /**
     * The product, or E0403 when it does not fit a long.
     *
     * @param what what is being counted, e.g. "the parameter count"
     */
    OptionalLong product(String what, long... factors) {
        long p = 1;
        try {
            for (long f : factors) {
                p = Math.multiplyExact(p, f);
            }
            return OptionalLong.of(p);
        } catch (ArithmeticException e) {
            error("E0403", what + " overflows a 64-bit count", "make the layer smaller");
            return OptionalLong.empty();
        }
    }

    /** The sum, or E0403 when it does not fit a long. */
    OptionalLong sum(String what, long a, long b) {
        try {
            return OptionalLong.of(Math.addExact(a, b));
        } catch (ArithmeticException e) {
            error("E0403", what + " overflows a 64-bit count", "make the layer smaller");
            return OptionalLong.empty();
        }
    }

    /**
     * A grid or vector the layer would produce, once it is known to fit one Java array; E0403
     * otherwise. Dimensions must already be at least 1.
     */
    Optional<Shape> tensor(Shape shape) {
        return tensor("output", shape, "make it smaller with a stride or pooling before this layer");
    }

    /** As {@link #tensor(Shape)}, naming the tensor {@code what} ("output", "shape"). */
    Optional<Shape> tensor(String what, Shape shape, String hint) {
        long[] dims = shape.dims().stream().mapToLong(Long::longValue).toArray();
        long n = 1;
        boolean overflow = false;
        for (long d : dims) {
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                overflow = true;
                break;
            }
        }
        if (overflow || n > MAX_ARRAY) {
            error("E0403", what + " " + shape + " would have "
                    + (overflow ? "more than " + count(Long.MAX_VALUE) : count(n))
                    + " values, more than a Java array can hold (" + count(MAX_ARRAY) + ")",
                    hint);
            return Optional.empty();
        }
        return Optional.of(shape);
    }

    /** E0403 when one weight tensor of the layer could not be held in one Java array. */
    boolean weightFits(String tensor, long size) {
        if (size <= MAX_ARRAY) {
            return true;
        }
        error("E0403", tensor + " would have " + count(size) + " values, more than a Java array can hold ("
                + count(MAX_ARRAY) + ")", "use fewer filters or units, or a smaller input to this layer");
        return false;
    }

    /** The input as a feature map, or null after E0303 when it is a vector. */
    Shape.Grid grid(Shape in, String op) {
        if (in instanceof Shape.Grid g) {
            return g;
        }
        error("E0303", op + " needs a feature map H x W x C, but its input is a vector of " + in.elements() + " values",
                "a vector has no height or width: put " + op + " before flatten, dense or global pooling");
        return null;
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "1 row", "3 rows": messages are read by people. */
    static String plural(long n, String noun) {
        return n + " " + (n == 1 ? noun : noun + "s");
    }
}
