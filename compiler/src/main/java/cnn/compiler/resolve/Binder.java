package cnn.compiler.resolve;

import cnn.compiler.diag.Reporter;
import cnn.compiler.diag.SourceSpan;
import cnn.compiler.syntax.Arg;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches written arguments to parameters: positional ones in order, then by name. Wrong
 * arity and unknown or repeated names are E0205–E0207; values are evaluated here, in the
 * caller's environment.
 */
final class Binder {

    private Binder() {
    }

    /**
     * @param what how messages name the callee: "conv_1: conv" or "block basic"
     * @return the bound arguments, or null after an error
     */
    static Map<String, Bound> bind(String what, String usage, List<Ops.Param> params, List<Arg> args,
                                   SourceSpan callSpan, Evaluator evaluator, Env env, Reporter reporter) {
        Map<String, Bound> bound = new LinkedHashMap<>();
        List<Ops.Param> positional = params.stream().filter(Ops.Param::positional).toList();
        boolean ok = true;
        int next = 0;
        boolean sawNamed = false;
        for (Arg a : args) {
            if (a.name().isEmpty()) {
                if (sawNamed) {
                    reporter.error("E0206", a.span(), what + ": a positional argument cannot follow a named one",
                            "write the positional arguments first: " + usage);
                    ok = false;
                    continue;
                }
                if (next >= positional.size()) {
                    reporter.error("E0206", a.span(), what + " takes " + count(positional.size())
                            + (positional.isEmpty() ? "" : " (" + usage + ")") + ", but more are given",
                            positional.isEmpty() ? null : "named arguments are written name=value");
                    ok = false;
                    continue;
                }
                bound.put(positional.get(next).name(), new Bound(evaluator.eval(a.value(), env), a.span()));
                next++;
            } else {
                sawNamed = true;
                String name = a.name().get().name();
                Ops.Param p = params.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
                if (p == null) {
                    List<String> names = params.stream().map(Ops.Param::name).toList();
                    reporter.error("E0205", a.name().get().span(), what + " has no argument " + name,
                            names.isEmpty() ? what + " takes no arguments"
                                    : hint(name, names));
                    ok = false;
                    continue;
                }
                if (bound.containsKey(name)) {
                    reporter.error("E0207", a.name().get().span(), what + ": " + name + " is given twice", null);
                    ok = false;
                    continue;
                }
                bound.put(name, new Bound(evaluator.eval(a.value(), env), a.span()));
            }
        }
        if (!ok) {
            return null;
        }
        for (Ops.Param p : params) {
            if (p.required() && !bound.containsKey(p.name())) {
                reporter.error("E0206", callSpan, what + " needs " + p.name() + (p.positional() ? "" : "="),
                        "write " + usage);
                ok = false;
            }
        }
        return ok ? bound : null;
    }

    private static String hint(String name, List<String> names) {
        String s = Suggest.closest(name, names);
        return s != null ? "did you mean " + s + "?" : "its arguments are " + String.join(", ", names);
    }

    private static String count(int n) {
        return n == 0 ? "no positional arguments" : n == 1 ? "one positional argument" : n + " positional arguments";
    }
}
