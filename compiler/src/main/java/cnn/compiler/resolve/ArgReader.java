package cnn.compiler.resolve;

import cnn.compiler.diag.Reporter;
import cnn.compiler.diag.SourceSpan;
import cnn.compiler.graph.Init;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.PadSpec;
import cnn.compiler.graph.Padding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a layer's bound arguments as the types its op needs. A value of the wrong kind is
 * reported (E0202 unknown name, E0213 wrong kind, E0450 too large for the field, E0451 not
 * whole) and marks the reader failed; the caller then makes no layer. Range checks (sizes
 * below 1, rates) are the shape rules' job, so they see the values as written.
 */
final class ArgReader {

    private final String layer;
    private final Map<String, Bound> args;
    private final Reporter reporter;
    private final Env env;
    private boolean ok = true;

    ArgReader(String layer, Map<String, Bound> args, Reporter reporter, Env env) {
        this.layer = layer;
        this.args = args;
        this.reporter = reporter;
        this.env = env;
    }

    boolean ok() {
        return ok;
    }

    boolean has(String name) {
        return args.containsKey(name);
    }

    Bound get(String name) {
        return args.get(name);
    }

    void fail(String code, SourceSpan span, String message, String hint) {
        reporter.error(code, span, layer + ": " + message, hint);
        ok = false;
    }

    /** Whether a value is usable; unknown values fail silently, words that name nothing fail loudly. */
    private boolean usable(Bound b) {
        if (b.value() instanceof Value.Unknown) {
            ok = false;
            return false;
        }
        return true;
    }

    int whole(String name, int dflt) {
        Bound b = args.get(name);
        return b == null ? dflt : whole(name, b.value(), b.span());
    }

    private int whole(String name, Value v, SourceSpan span) {
        if (v instanceof Value.Unknown) {
            ok = false;
            return 1;
        }
        long n;
        if (v instanceof Value.Int i) {
            n = i.value();
        } else if (v instanceof Value.Real r && r.value() == Math.rint(r.value()) && Math.abs(r.value()) < 0x1p62) {
            n = (long) r.value();
        } else if (v instanceof Value.Real r) {
            fail("E0451", span, name + " must be a whole number, got " + v.show(),
                    "use // for whole-number division, or round(…)");
            return 1;
        } else if (v instanceof Value.Symbol s) {
            unknown(s, span);
            return 1;
        } else {
            fail("E0213", span, name + " must be a whole number, got " + Value.kind(v) + " (" + v.show() + ")", null);
            return 1;
        }
        if (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) {
            fail("E0450", span, name + " " + n + " is too large (at most " + Integer.MAX_VALUE + ")", null);
            return 1;
        }
        return (int) n;
    }

    double real(String name, double dflt) {
        Bound b = args.get(name);
        if (b == null) {
            return dflt;
        }
        return real(name, b.value(), b.span());
    }

    private double real(String name, Value v, SourceSpan span) {
        if (v instanceof Value.Unknown) {
            ok = false;
            return 0;
        }
        if (Value.isNumber(v)) {
            return Value.asDouble(v);
        }
        if (v instanceof Value.Symbol s) {
            unknown(s, span);
            return 0;
        }
        fail("E0213", span, name + " must be a number, got " + Value.kind(v) + " (" + v.show() + ")", null);
        return 0;
    }

    boolean bool(String name, boolean dflt) {
        Bound b = args.get(name);
        if (b == null || !usable(b)) {
            return dflt;
        }
        if (b.value() instanceof Value.Bool v) {
            return v.value();
        }
        fail("E0213", b.span(), name + " must be true or false, got " + b.value().show(), null);
        return dflt;
    }

    /** A kernel, stride or dilation: {@code k} means {@code k x k}; {@code (a, b)} or {@code AxB} are height and width. */
    int[] pair(String name, int[] dflt) {
        Bound b = args.get(name);
        if (b == null) {
            return dflt;
        }
        Value v = b.value();
        if (v instanceof Value.Tuple t) {
            if (t.items().size() != 2) {
                fail("E0213", b.span(), name + " must be one size or two (height, width), got " + v.show(),
                        t.shapeLiteral() ? "a kernel is written like 3x3 or 1x7" : null);
                return dflt;
            }
            return new int[] {whole(name, t.items().get(0), b.span()), whole(name, t.items().get(1), b.span())};
        }
        if (v instanceof Value.Int || v instanceof Value.Real || v instanceof Value.Unknown || v instanceof Value.Symbol) {
            int k = whole(name, v, b.span());
            return new int[] {k, k};
        }
        fail("E0213", b.span(), name + " must be a whole number or a pair like (3, 5), got " + Value.kind(v) + " ("
                + v.show() + ")", null);
        return dflt;
    }

    /** {@code valid}, {@code same}, {@code p}, {@code (t, b, l, r)}; also {@code (vertical, horizontal)}. */
    PadSpec pad(String name) {
        Bound b = args.get(name);
        if (b == null || !usable(b)) {
            return PadSpec.VALID;
        }
        Value v = b.value();
        if (v instanceof Value.Symbol s) {
            if (s.name().equals("valid")) {
                return PadSpec.VALID;
            }
            if (s.name().equals("same")) {
                return PadSpec.SAME;
            }
            fail("E0213", b.span(), name + " must be valid, same, a number of pixels or (top, bottom, left, right), got "
                    + s.name(), Suggest.hint(s.name(), List.of("valid", "same")));
            return PadSpec.VALID;
        }
        Padding p = padding(name, b);
        return p == null ? PadSpec.VALID : new PadSpec.Explicit(p);
    }

    /** Pixels: {@code p}, {@code (v, h)} or {@code (t, b, l, r)}; null after an error. */
    Padding padding(String name, Bound b) {
        Value v = b.value();
        if (v instanceof Value.Tuple t && (t.items().size() == 4 || t.items().size() == 2)) {
            int[] p = new int[t.items().size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = whole(name, t.items().get(i), b.span());
            }
            return p.length == 4 ? new Padding(p[0], p[1], p[2], p[3]) : new Padding(p[0], p[0], p[1], p[1]);
        }
        if (v instanceof Value.Tuple || v instanceof Value.ListValue || v instanceof Value.Bool
                || v instanceof Value.Struct) {
            fail("E0213", b.span(), name + " must be a number of pixels or (top, bottom, left, right), got "
                    + v.show(), null);
            return null;
        }
        int p = whole(name, v, b.span());
        return Padding.uniform(p);
    }

    Init init(String name) {
        Bound b = args.get(name);
        if (b == null || !usable(b)) {
            return Init.HE;
        }
        if (b.value() instanceof Value.Symbol s) {
            switch (s.name()) {
                case "he":
                case "kaiming":
                    return Init.HE;
                case "xavier":
                case "glorot":
                    return Init.XAVIER;
                case "zeros":
                    return Init.ZEROS;
                default:
                    break;
            }
        }
        fail("E0213", b.span(), name + " must be he, xavier or zeros, got " + b.value().show(),
                b.value() instanceof Value.Symbol s ? Suggest.hint(s.name(), List.of("he", "xavier", "zeros")) : null);
        return Init.HE;
    }

    /** {@code [(w, h), …]} in input pixels. */
    List<Op.Anchor> anchors(String name) {
        Bound b = args.get(name);
        List<Op.Anchor> out = new ArrayList<>();
        if (b == null || !usable(b)) {
            return out;
        }
        if (!(b.value() instanceof Value.ListValue list)) {
            fail("E0213", b.span(), name + " must be a list of (width, height) pairs, got " + b.value().show(),
                    "e.g. anchors=[(10, 13), (33, 23)]");
            return out;
        }
        for (Value item : list.items()) {
            if (!(item instanceof Value.Tuple t) || t.items().size() != 2) {
                fail("E0213", b.span(), name + " must be a list of (width, height) pairs, but one item is "
                        + item.show(), "e.g. anchors=[(10, 13), (33, 23)]");
                return out;
            }
            out.add(new Op.Anchor(real(name, t.items().get(0), b.span()), real(name, t.items().get(1), b.span())));
        }
        return out;
    }

    /**
     * {@code weights=}: nested lists, {@code [kh][kw]} or {@code [out][in/groups][kh][kw]}, flattened
     * in that order. Null when not given or malformed. The count against the layer is checked by
     * the shape rules; here the nesting and the kernel size (E0354).
     */
    float[] weights(String name, int filters, int kh, int kw) {
        Bound b = args.get(name);
        if (b == null || !usable(b)) {
            return null;
        }
        List<Integer> dims = new ArrayList<>();
        List<Float> flat = new ArrayList<>();
        if (!collect(b.value(), 0, dims, flat, b.span(), name)) {
            return null;
        }
        if (dims.size() != 2 && dims.size() != 4) {
            fail("E0354", b.span(), name + "= must be nested [kh][kw] or [out][in][kh][kw], but it has "
                    + dims.size() + (dims.size() == 1 ? " level" : " levels"), null);
            return null;
        }
        int h = dims.get(dims.size() - 2);
        int w = dims.get(dims.size() - 1);
        if (h != kh || w != kw) {
            fail("E0354", b.span(), name + "= is " + h + "x" + w + " per filter, but the kernel is " + kh + "x" + kw,
                    "make the kernel " + h + "x" + w + " or give " + kh + "x" + kw + " values");
            return null;
        }
        if (dims.size() == 4 && dims.get(0) != filters) {
            fail("E0354", b.span(), name + "= has " + dims.get(0) + " filters, but the layer has " + filters, null);
            return null;
        }
        float[] out = new float[flat.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = flat.get(i);
        }
        return out;
    }

    private boolean collect(Value v, int depth, List<Integer> dims, List<Float> flat, SourceSpan span, String name) {
        if (v instanceof Value.ListValue l) {
            if (depth == dims.size()) {
                if (flat.size() > 0) {
                    return ragged(span, name);
                }
                dims.add(l.items().size());
            } else if (depth > dims.size() || dims.get(depth) != l.items().size()) {
                return ragged(span, name);
            }
            if (l.items().isEmpty()) {
                fail("E0354", span, name + "= has an empty list", null);
                return false;
            }
            for (Value item : l.items()) {
                if (!collect(item, depth + 1, dims, flat, span, name)) {
                    return false;
                }
            }
            return true;
        }
        if (Value.isNumber(v)) {
            if (depth != dims.size()) {
                return ragged(span, name);
            }
            flat.add((float) Value.asDouble(v));
            return true;
        }
        if (v instanceof Value.Symbol s) {
            unknown(s, span);
            return false;
        }
        fail("E0354", span, name + "= must hold numbers only, got " + v.show(), null);
        return false;
    }

    private boolean ragged(SourceSpan span, String name) {
        fail("E0354", span, name + "= is not rectangular: its lists differ in length or depth", null);
        return false;
    }

    private void unknown(Value.Symbol s, SourceSpan span) {
        fail("E0202", span, "unknown name '" + s.name() + "'", Suggest.hint(s.name(), env.names()));
    }
}
