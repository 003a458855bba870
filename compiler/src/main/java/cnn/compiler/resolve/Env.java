package cnn.compiler.resolve;

import cnn.compiler.graph.Shape;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What names mean where an expression is evaluated: block parameters and loop variables
 * (locals), then the file's constants, and the shape {@code in} of the block's input.
 */
final class Env {

    private final FileScope file;
    private final Map<String, Value> locals;
    private final boolean hasIn;
    private final Shape in;

    private Env(FileScope file, Map<String, Value> locals, boolean hasIn, Shape in) {
        this.file = file;
        this.locals = locals;
        this.hasIn = hasIn;
        this.in = in;
    }

    /** For constants: no locals and no {@code in}. */
    static Env constants(FileScope file) {
        return new Env(file, Map.of(), false, null);
    }

    /** @param in the input's shape, or null when an earlier error left it unknown */
    static Env of(FileScope file, Map<String, Value> locals, Shape in) {
        return new Env(file, Map.copyOf(locals), true, in);
    }

    Env with(String name, Value value) {
        Map<String, Value> copy = new HashMap<>(locals);
        copy.put(name, value);
        return new Env(file, Map.copyOf(copy), hasIn, in);
    }

    FileScope file() {
        return file;
    }

    Map<String, Value> locals() {
        return locals;
    }

    boolean hasIn() {
        return hasIn;
    }

    /** The input shape; null when unknown. */
    Shape in() {
        return in;
    }

    /** The value bound to a name, or null when it names nothing here. */
    Value lookup(String name) {
        Value v = locals.get(name);
        return v != null ? v : file.constant(name);
    }

    boolean isBound(String name) {
        return locals.containsKey(name) || file.hasConstant(name);
    }

    /** Every name an expression here can use, for "did you mean". */
    Set<String> names() {
        Set<String> all = new TreeSet<>(locals.keySet());
        all.addAll(file.constantNames());
        return all;
    }
}
