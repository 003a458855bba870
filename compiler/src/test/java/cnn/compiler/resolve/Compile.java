package cnn.compiler.resolve;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.Compilation;
import cnn.compiler.Compiler;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Node;
import java.util.List;

/** Test helpers: compile a source, expect it clean (or not), read its layers. */
final class Compile {

    private Compile() {
    }

    static Compilation source(String text) {
        return Compiler.compileSource("test.cnn", text);
    }

    /** Compiles and expects no errors (warnings allowed). */
    static Compilation clean(String text) {
        Compilation c = source(text);
        assertFalse(c.hasErrors(), () -> "unexpected errors:\n" + c.render());
        return c;
    }

    static Network model(String text, String name) {
        Compilation c = clean(text);
        return c.network(name).orElseThrow(() -> new AssertionError("no model " + name + " in " + c.networks()));
    }

    /** The only model of a clean source. */
    static Network only(String text) {
        Compilation c = clean(text);
        assertTrue(c.networks().size() == 1, "models: " + c.networks().size());
        return c.networks().get(0);
    }

    static List<String> names(Network n) {
        return n.nodes().stream().map(Node::name).toList();
    }

    /** The codes of every diagnostic, in order. */
    static List<String> codes(Compilation c) {
        return c.diagnostics().stream().map(d -> d.code()).toList();
    }
}
