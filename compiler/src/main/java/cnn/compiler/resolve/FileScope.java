package cnn.compiler.resolve;

import cnn.compiler.diag.Reporter;
import cnn.compiler.syntax.Decl;
import cnn.compiler.syntax.SourceFile;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The names one file can use: its own constants, blocks and models, and those of the files it
 * imports (not what they import in turn). Constants are evaluated on first use, in their own
 * file, with a check for constants defined in terms of themselves.
 */
final class FileScope {

    /** A declaration and the file it was written in (where its names are looked up). */
    record Visible(Decl decl, FileScope owner) {
    }

    private final SourceFile source;
    private final Reporter reporter;
    private final Map<String, Visible> visible = new LinkedHashMap<>();
    private final Map<String, Value> constants = new HashMap<>();
    private final Set<String> evaluating = new HashSet<>();

    FileScope(SourceFile source, Reporter reporter) {
        this.source = source;
        this.reporter = reporter;
    }

    SourceFile source() {
        return source;
    }

    String file() {
        return source.file();
    }

    String packageName() {
        return source.packageName().orElse("");
    }

    /** Declares this file's own names (E0203 for a name used twice, or the name of an op). */
    void declareOwn() {
        for (Decl d : source.decls()) {
            String name = d.name().name();
            Visible before = visible.get(name);
            if (before != null) {
                reporter.error("E0203", d.name().span(), kind(d) + " " + name + " is already defined at line "
                        + before.decl().name().span().line(), "give it another name");
                continue;
            }
            if (d instanceof Decl.Block && Ops.isOp(name)) {
                reporter.error("E0203", d.name().span(), "block " + name + " has the name of a built-in operation",
                        "give the block another name, e.g. my_" + name);
                continue;
            }
            visible.put(name, new Visible(d, this));
        }
    }

    /** Makes an imported file's own declarations visible here. */
    void importFrom(FileScope other, cnn.compiler.diag.SourceSpan at) {
        for (Decl d : other.source.decls()) {
            String name = d.name().name();
            Visible before = visible.get(name);
            if (before == null) {
                visible.put(name, new Visible(d, other));
            } else if (before.decl() != d) {
                String where = before.owner() == this ? "line " + before.decl().name().span().line()
                        : before.owner().file();
                reporter.error("E0203", at, other.file() + " defines " + kind(d) + " " + name
                        + ", which is already defined in " + where, "rename one of them");
            }
        }
    }

    Visible lookup(String name) {
        return visible.get(name);
    }

    Set<String> names() {
        return visible.keySet();
    }

    boolean hasConstant(String name) {
        Visible v = visible.get(name);
        return v != null && v.decl() instanceof Decl.Const;
    }

    Set<String> constantNames() {
        Set<String> out = new HashSet<>();
        for (Map.Entry<String, Visible> e : visible.entrySet()) {
            if (e.getValue().decl() instanceof Decl.Const) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** The constant's value, or null when the name is not a constant here. */
    Value constant(String name) {
        Visible v = visible.get(name);
        if (v == null || !(v.decl() instanceof Decl.Const c)) {
            return null;
        }
        if (v.owner() != this) {
            return v.owner().constant(name);
        }
        Value known = constants.get(name);
        if (known != null) {
            return known;
        }
        if (!evaluating.add(name)) {
            reporter.error("E0218", c.name().span(), "constant " + name + " is defined in terms of itself", null);
            constants.put(name, Value.Unknown.INSTANCE);
            return Value.Unknown.INSTANCE;
        }
        Value value = new Evaluator(reporter).eval(c.value(), Env.constants(this));
        evaluating.remove(name);
        constants.putIfAbsent(name, value);
        return constants.get(name);
    }

    /** Evaluates every constant once, so mistakes in unused constants are reported too. */
    void checkConstants() {
        for (Decl d : source.decls()) {
            if (d instanceof Decl.Const c && lookup(c.name().name()) != null
                    && lookup(c.name().name()).decl() == d) {
                constant(c.name().name());
            }
        }
    }

    static String kind(Decl d) {
        if (d instanceof Decl.Const) {
            return "constant";
        } else if (d instanceof Decl.Block) {
            return "block";
        }
        return "model";
    }
}
