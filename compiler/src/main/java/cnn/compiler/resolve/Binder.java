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
     * @param prefix what messages start with: "conv_1: " for a layer, "block basic: " for a block
     * @param what   how messages name the callee: "conv" or "block basic"
     * @return the bound arguments, or null after an error
     */
    static Map<String, Bound> bind(String prefix, String what, String usage, List<Ops.Param> params, List<Arg> args,
                                   SourceSpan callSpan, Evaluator evaluator, Env env, Reporter reporter) {
        Map<String, Bound> bound = new LinkedHashMap<>();
        List<Ops.Param> positional = params.stream().filter(Ops.Param::positional).toList();
        boolean ok = true;
        int next = 0;
        boolean sawNamed = false;
        for (Arg a : args) {
            if (a.name().isEmpty()) {
                if (sawNamed) {
                    reporter.error("E0206", a.span(), prefix + "a positional argument cannot follow a named one",
                            "write the positional arguments first: " + usage);
                    ok = false;
                    continue;
                }
                if (next >= positional.size()) {
                    reporter.error("E0206", a.span(), lead(prefix, what) + " takes " + count(positional.size())
                            + (positional.isEmpty() ? "" : " (" + positional.stream().map(Ops.Param::name)
                            .collect(java.util.stream.Collectors.joining(", ")) + ")") + ", but more are given",
                            "write " + usage + (positional.size() < params.size() ? "; other arguments go by name: "
                            + params.stream().filter(p -> !p.positional()).map(p -> p.name() + "=")
                            .collect(java.util.stream.Collectors.joining(" ")) : ""));
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
                    reporter.error("E0205", a.name().get().span(), lead(prefix, what) + " has no argument " + name,
                            names.isEmpty() ? what + " takes no arguments"
                                    : hint(name, names));
                    ok = false;
                    continue;
                }
                if (bound.containsKey(name)) {
                    reporter.error("E0207", a.name().get().span(), prefix + name + " is given twice", null);
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
                reporter.error("E0206", callSpan, lead(prefix, what) + " needs " + p.name() + (p.positional() ? "" : "="),
                        "write " + usage);
                ok = false;
            }
        }
        return ok ? bound : null;
    }

    /** "conv_1: conv", or "block basic" when the prefix already names it. */
    private static String lead(String prefix, String what) {
        return prefix.startsWith(what + ":") ? what : prefix + what;
    }

    private static String hint(String name, List<String> names) {
        String s = Suggest.closest(name, names);
        return s != null ? "did you mean " + s + "?" : "its arguments are " + String.join(", ", names);
    }

    private static String count(int n) {
        return n == 0 ? "no positional arguments" : n == 1 ? "one positional argument" : n + " positional arguments";
    }
}
