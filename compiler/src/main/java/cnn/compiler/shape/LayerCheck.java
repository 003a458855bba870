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
            error("E0403", what + " is larger than " + count(Long.MAX_VALUE), "make the layer smaller");
            return OptionalLong.empty();
        }
    }

    /** The sum, or E0403 when it does not fit a long. */
    OptionalLong sum(String what, long a, long b) {
        try {
            return OptionalLong.of(Math.addExact(a, b));
        } catch (ArithmeticException e) {
            error("E0403", what + " is larger than " + count(Long.MAX_VALUE), "make the layer smaller");
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
        return fits(what + " " + shape, dims, hint) ? Optional.of(shape) : Optional.empty();
    }

    /**
     * The size of one weight tensor of the layer ({@code dims} in its weights-file layout), or
     * E0403 when it could not be held in one Java array.
     */
    OptionalLong weight(long... dims) {
        StringBuilder layout = new StringBuilder();
        for (long d : dims) {
            layout.append(layout.length() == 0 ? "" : ", ").append(d);
        }
        if (!fits("the weight [" + layout + "]", dims, "use fewer filters or units, or a smaller input to this layer")) {
            return OptionalLong.empty();
        }
        long n = 1;
        for (long d : dims) {
            n *= d; // checked by fits
        }
        return OptionalLong.of(n);
    }

    /** E0403 unless a tensor of these dimensions fits one Java array. */
    private boolean fits(String tensor, long[] dims, String hint) {
        long n = 1;
        for (long d : dims) {
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                n = -1;
                break;
            }
        }
        if (n >= 0 && n <= MAX_ARRAY) {
            return true;
        }
        error("E0403", tensor + " would have " + (n < 0 ? "more than " + count(Long.MAX_VALUE) : count(n))
                + " values, more than a Java array can hold (" + count(MAX_ARRAY) + ")", hint);
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
