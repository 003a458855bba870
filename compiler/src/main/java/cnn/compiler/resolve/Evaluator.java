package cnn.compiler.resolve;

import cnn.compiler.diag.Reporter;
import cnn.compiler.diag.SourceSpan;
import cnn.compiler.graph.Shape;
import cnn.compiler.syntax.Arg;
import cnn.compiler.syntax.Expr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates expressions (SPEC §1.1). Whole numbers stay whole ({@code long}, checked for
 * overflow); {@code /} divides exactly and gives a number with a fraction, {@code //} floors.
 * Errors are reported once and give {@link Value.Unknown}, which every operation passes on
 * without a further message.
 */
final class Evaluator {

    private final Reporter reporter;

    Evaluator(Reporter reporter) {
        this.reporter = reporter;
    }

    Value eval(Expr e, Env env) {
        if (e instanceof Expr.IntLit i) {
            return new Value.Int(i.value());
        } else if (e instanceof Expr.FloatLit f) {
            return new Value.Real(f.value());
        } else if (e instanceof Expr.BoolLit b) {
            return new Value.Bool(b.value());
        } else if (e instanceof Expr.ShapeLit s) {
            List<Value> dims = new ArrayList<>();
            for (long d : s.dims()) {
                dims.add(new Value.Int(d));
            }
            return new Value.Tuple(dims, true);
        } else if (e instanceof Expr.NameRef n) {
            Value v = env.lookup(n.name());
            return v != null ? v : new Value.Symbol(n.name());
        } else if (e instanceof Expr.InDim d) {
            return inDim(d, env);
        } else if (e instanceof Expr.Unary u) {
            return unary(u, env);
        } else if (e instanceof Expr.Binary b) {
            return binary(b, env);
        } else if (e instanceof Expr.Cond c) {
            Value cond = eval(c.cond(), env);
            Boolean t = truth(cond, c.cond().span(), env);
            if (t == null) {
                return Value.Unknown.INSTANCE;
            }
            return t ? eval(c.then(), env) : eval(c.otherwise(), env);
        } else if (e instanceof Expr.Call c) {
            return call(c, env);
        } else if (e instanceof Expr.Tuple t) {
            List<Value> items = new ArrayList<>();
            for (Expr x : t.items()) {
                items.add(eval(x, env));
            }
            return new Value.Tuple(items, false);
        } else if (e instanceof Expr.ListLit l) {
            List<Value> items = new ArrayList<>();
            for (Expr x : l.items()) {
                items.add(eval(x, env));
            }
            return new Value.ListValue(items);
        }
        throw new IllegalStateException("expression not handled: " + e);
    }

    /**
     * A condition's truth: true or false, or null after an error (reported here unless the
     * value was already unknown).
     */
    Boolean truth(Value v, SourceSpan span, Env env) {
        if (v instanceof Value.Bool b) {
            return b.value();
        }
        if (v instanceof Value.Unknown) {
            return null;
        }
        if (v instanceof Value.Symbol s) {
            unknownName(s, span, env);
            return null;
        }
        reporter.error("E0457", span, "a condition must be true or false, got " + Value.kind(v) + " (" + v.show() + ")",
                "compare it with something, e.g. s == 2");
        return null;
    }

    void unknownName(Value.Symbol s, SourceSpan span, Env env) {
        reporter.error("E0202", span, "unknown name '" + s.name() + "'", Suggest.hint(s.name(), env.names()));
    }

    private Value inDim(Expr.InDim d, Env env) {
        if (!env.hasIn()) {
            reporter.error("E0216", d.span(), "in." + d.dim() + " has no meaning here: in is the input of a block or model",
                    "use in.h, in.w and in.c inside a block or model");
            return Value.Unknown.INSTANCE;
        }
        if (!d.dim().equals("h") && !d.dim().equals("w") && !d.dim().equals("c")) {
            reporter.error("E0216", d.span(), "in has no '" + d.dim() + "': its parts are in.h, in.w and in.c", null);
            return Value.Unknown.INSTANCE;
        }
        Shape in = env.in();
        if (in == null) {
            return Value.Unknown.INSTANCE;
        }
        if (in instanceof Shape.Grid g) {
            return new Value.Int(d.dim().equals("h") ? g.h() : d.dim().equals("w") ? g.w() : g.c());
        }
        if (d.dim().equals("c")) {
            return new Value.Int(in.elements());
        }
        reporter.error("E0350", d.span(), "in." + d.dim() + ": the input here is a vector of " + in.elements()
                + " values, which has no height or width", "in.c is its length");
        return Value.Unknown.INSTANCE;
    }

    private Value unary(Expr.Unary u, Env env) {
        Value v = eval(u.operand(), env);
        if (v instanceof Value.Unknown) {
            return v;
        }
        if (u.op() == Expr.UnaryOp.NOT) {
            Boolean t = truth(v, u.operand().span(), env);
            return t == null ? Value.Unknown.INSTANCE : new Value.Bool(!t);
        }
        if (v instanceof Value.Symbol s) {
            unknownName(s, u.operand().span(), env);
            return Value.Unknown.INSTANCE;
        }
        if (u.op() == Expr.UnaryOp.PLUS && Value.isNumber(v)) {
            return v;
        }
        if (v instanceof Value.Int i) {
            if (i.value() == Long.MIN_VALUE) {
                return overflow(u.span());
            }
            return new Value.Int(-i.value());
        }
        if (v instanceof Value.Real r) {
            return new Value.Real(-r.value());
        }
        reporter.error("E0457", u.span(), "cannot negate " + Value.kind(v) + " (" + v.show() + ")", null);
        return Value.Unknown.INSTANCE;
    }

    private Value binary(Expr.Binary b, Env env) {
        if (b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.OR) {
            Boolean left = truth(eval(b.left(), env), b.left().span(), env);
            if (left == null) {
                return Value.Unknown.INSTANCE;
            }
            if (b.op() == Expr.BinaryOp.AND ? !left : left) {
                return new Value.Bool(left);
            }
            Boolean right = truth(eval(b.right(), env), b.right().span(), env);
            return right == null ? Value.Unknown.INSTANCE : new Value.Bool(right);
        }
        Value l = eval(b.left(), env);
        Value r = eval(b.right(), env);
        if (l instanceof Value.Unknown || r instanceof Value.Unknown) {
            return Value.Unknown.INSTANCE;
        }
        if (b.op() == Expr.BinaryOp.EQ || b.op() == Expr.BinaryOp.NE) {
            if (!Value.isNumber(l) || !Value.isNumber(r)) {
                if (l instanceof Value.Symbol s && !(r instanceof Value.Symbol)) {
                    unknownName(s, b.left().span(), env);
                    return Value.Unknown.INSTANCE;
                }
                if (r instanceof Value.Symbol s && !(l instanceof Value.Symbol)) {
                    unknownName(s, b.right().span(), env);
                    return Value.Unknown.INSTANCE;
                }
                boolean eq = l instanceof Value.Tuple x && r instanceof Value.Tuple y
                        ? x.items().equals(y.items()) : l.equals(r);
                return new Value.Bool(b.op() == Expr.BinaryOp.EQ ? eq : !eq);
            }
        }
        if (l instanceof Value.Symbol s) {
            unknownName(s, b.left().span(), env);
            return Value.Unknown.INSTANCE;
        }
        if (r instanceof Value.Symbol s) {
            unknownName(s, b.right().span(), env);
            return Value.Unknown.INSTANCE;
        }
        if (!Value.isNumber(l) || !Value.isNumber(r)) {
            Value bad = Value.isNumber(l) ? r : l;
            reporter.error("E0457", b.span(), "'" + b.op().symbol() + "' needs numbers, got " + Value.kind(bad)
                    + " (" + bad.show() + ")", bad instanceof Value.Tuple
                    ? "compute each part on its own: (a * 2, b * 2)" : null);
            return Value.Unknown.INSTANCE;
        }
        if (l instanceof Value.Int a && r instanceof Value.Int c) {
            return integer(b, a.value(), c.value());
        }
        return real(b, Value.asDouble(l), Value.asDouble(r));
    }

    private Value integer(Expr.Binary b, long x, long y) {
        try {
            switch (b.op()) {
                case ADD: return new Value.Int(Math.addExact(x, y));
                case SUB: return new Value.Int(Math.subtractExact(x, y));
                case MUL: return new Value.Int(Math.multiplyExact(x, y));
                case DIV:
                    if (y == 0) {
                        return divisionByZero(b);
                    }
                    return new Value.Real((double) x / (double) y);
                case INTDIV:
                    if (y == 0) {
                        return divisionByZero(b);
                    }
                    if (x == Long.MIN_VALUE && y == -1) {
                        return overflow(b.span());
                    }
                    return new Value.Int(Math.floorDiv(x, y));
                case MOD:
                    if (y == 0) {
                        return divisionByZero(b);
                    }
                    return new Value.Int(Math.floorMod(x, y));
                default:
                    return compare(b.op(), Long.compare(x, y));
            }
        } catch (ArithmeticException e) {
            return overflow(b.span());
        }
    }

    private Value real(Expr.Binary b, double x, double y) {
        switch (b.op()) {
            case ADD: return finite(b, x + y);
            case SUB: return finite(b, x - y);
            case MUL: return finite(b, x * y);
            case DIV:
                if (y == 0) {
                    return divisionByZero(b);
                }
                return finite(b, x / y);
            case INTDIV:
                if (y == 0) {
                    return divisionByZero(b);
                }
                return finite(b, Math.floor(x / y));
            case MOD:
                if (y == 0) {
                    return divisionByZero(b);
                }
                return finite(b, x - y * Math.floor(x / y));
            default:
                return compare(b.op(), Double.compare(x, y));
        }
    }

    private Value finite(Expr.Binary b, double v) {
        if (Double.isInfinite(v) || Double.isNaN(v)) {
            return overflow(b.span());
        }
        return new Value.Real(v);
    }

    private static Value compare(Expr.BinaryOp op, int c) {
        switch (op) {
            case LT: return new Value.Bool(c < 0);
            case LE: return new Value.Bool(c <= 0);
            case GT: return new Value.Bool(c > 0);
            case GE: return new Value.Bool(c >= 0);
            case EQ: return new Value.Bool(c == 0);
            case NE: return new Value.Bool(c != 0);
            default: throw new IllegalStateException("not a comparison: " + op);
        }
    }

    private Value divisionByZero(Expr.Binary b) {
        reporter.error("E0452", b.right().span(), "division by zero in " + b.op().symbol(), null);
        return Value.Unknown.INSTANCE;
    }

    private Value overflow(SourceSpan span) {
        reporter.error("E0453", span, "the result is too large to compute (beyond ±9.2e18)", null);
        return Value.Unknown.INSTANCE;
    }

    // ------------------------------------------------------------------ calls

    private Value call(Expr.Call c, Env env) {
        String fn = c.function().name();
        List<Value> positional = new ArrayList<>();
        Map<String, Value> named = new LinkedHashMap<>();
        boolean unknown = false;
        for (Arg a : c.args()) {
            Value v = eval(a.value(), env);
            unknown |= v instanceof Value.Unknown;
            if (a.name().isPresent()) {
                if (named.put(a.name().get().name(), v) != null) {
                    reporter.error("E0207", a.span(), fn + ": " + a.name().get().name() + " is given twice", null);
                    unknown = true;
                }
            } else {
                positional.add(v);
            }
        }
        boolean builtin = fn.equals("min") || fn.equals("max") || fn.equals("round") || fn.equals("floor")
                || fn.equals("ceil") || fn.equals("abs");
        if (!builtin || env.isBound(fn)) {
            return new Value.Struct(fn, positional, named);
        }
        if (unknown) {
            return Value.Unknown.INSTANCE;
        }
        if (!named.isEmpty()) {
            reporter.error("E0205", c.span(), fn + " takes no named arguments", null);
            return Value.Unknown.INSTANCE;
        }
        for (int i = 0; i < positional.size(); i++) {
            Value v = positional.get(i);
            if (v instanceof Value.Symbol s) {
                unknownName(s, c.args().get(i).span(), env);
                return Value.Unknown.INSTANCE;
            }
            if (!Value.isNumber(v)) {
                reporter.error("E0457", c.args().get(i).span(), fn + " needs numbers, got " + Value.kind(v) + " ("
                        + v.show() + ")", null);
                return Value.Unknown.INSTANCE;
            }
        }
        if (fn.equals("min") || fn.equals("max")) {
            if (positional.isEmpty()) {
                reporter.error("E0206", c.span(), fn + " needs at least one value", null);
                return Value.Unknown.INSTANCE;
            }
            Value best = positional.get(0);
            for (Value v : positional) {
                double a = Value.asDouble(v);
                double b = Value.asDouble(best);
                if (fn.equals("min") ? a < b : a > b) {
                    best = v;
                }
            }
            boolean allInts = positional.stream().allMatch(v -> v instanceof Value.Int);
            return allInts ? best : new Value.Real(Value.asDouble(best));
        }
        if (positional.size() != 1) {
            reporter.error("E0206", c.span(), fn + " takes one value, got " + positional.size(), null);
            return Value.Unknown.INSTANCE;
        }
        Value v = positional.get(0);
        if (fn.equals("abs")) {
            if (v instanceof Value.Int i) {
                return i.value() == Long.MIN_VALUE ? overflow(c.span()) : new Value.Int(Math.abs(i.value()));
            }
            return new Value.Real(Math.abs(Value.asDouble(v)));
        }
        if (v instanceof Value.Int) {
            return v;
        }
        double x = Value.asDouble(v);
        double r = fn.equals("round") ? Math.floor(x + 0.5) : fn.equals("floor") ? Math.floor(x) : Math.ceil(x);
        if (r >= 0x1p63 || r < -0x1p63) {
            return overflow(c.span());
        }
        return new Value.Int((long) r);
    }
}
