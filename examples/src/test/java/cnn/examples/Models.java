package cnn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import cnn.compiler.Compilation;
import cnn.compiler.Compiler;
import cnn.compiler.diag.Diagnostic;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Compiles the example models and finds layers in them, so each test reads as the paper it checks. */
final class Models {

    /** Surefire runs in the module directory, so the models are at {@code models/}. */
    static final Path DIR = Path.of("models");

    private Models() {
    }

    /** Compiles {@code models/<file>} and fails with every error it reports, if any. */
    static Compilation compile(String file) {
        Compilation compilation = Compiler.compile(List.of(DIR.resolve(file)));
        List<Diagnostic> errors = compilation.diagnostics().stream().filter(Diagnostic::isError).toList();
        if (!errors.isEmpty()) {
            fail(file + " does not compile:\n" + describe(errors));
        }
        return compilation;
    }

    /** The model called {@code name} in {@code models/<file>}, which must compile without errors. */
    static Network model(String file, String name) {
        Compilation compilation = compile(file);
        return compilation.networks().stream()
                .filter(n -> n.name().equals(name))
                .findFirst()
                .orElseGet(() -> fail(file + " has no model " + name + "; it has "
                        + compilation.networks().stream().map(Network::name).toList()));
    }

    private static String describe(List<Diagnostic> diagnostics) {
        return diagnostics.stream()
                .map(d -> d.span() + ": " + d.severity().label() + "[" + d.code() + "]: " + d.message())
                .collect(Collectors.joining("\n"));
    }

    static Shape grid(long h, long w, long c) {
        return Shape.grid(h, w, c);
    }

    static Shape vector(long n) {
        return Shape.vector(n);
    }

    /**
     * The layer whose output is the output of the block call (or other scope) {@code scope}:
     * the last node named {@code scope.…}. Nodes come in an order where each follows what it
     * reads, so a scope's merge or last layer is its last node.
     */
    static Node scopeOutput(Network network, String scope) {
        List<Node> inScope = inScope(network, scope);
        assertFalse(inScope.isEmpty(), () -> network.name() + " has no layers in scope " + scope + "; layers: "
                + network.nodes().stream().map(Node::name).toList());
        return inScope.get(inScope.size() - 1);
    }

    static List<Node> inScope(Network network, String scope) {
        return network.nodes().stream().filter(n -> n.name().startsWith(scope + ".")).toList();
    }

    /** Parameters of a scope's layers: trainable plus running statistics, as {@link Network#totalParams()}. */
    static long scopeParams(Network network, String scope) {
        return inScope(network, scope).stream().mapToLong(n -> n.params() + n.nonTrainable()).sum();
    }

    static long scopeMacs(Network network, String scope) {
        return inScope(network, scope).stream().mapToLong(Node::macs).sum();
    }

    /** The one node that satisfies {@code test}; fails if there are none or several. */
    static Node only(Network network, String what, Predicate<Node> test) {
        List<Node> found = network.nodes().stream().filter(test).toList();
        assertEquals(1, found.size(), () -> network.name() + ": expected one " + what + ", found "
                + found.stream().map(Node::name).toList());
        return found.get(0);
    }

    static long count(Network network, Predicate<Node> test) {
        return network.nodes().stream().filter(test).count();
    }

    static boolean isConv(Node n) {
        return n.op() instanceof Op.Conv;
    }

    static boolean isDense(Node n) {
        return n.op() instanceof Op.Dense;
    }

    static boolean isAdd(Node n) {
        return n.op() instanceof Op.Add;
    }

    static boolean isConcat(Node n) {
        return n.op() instanceof Op.Concat;
    }

    /** A convolution with a 1x1 kernel, as ResNet's projection shortcuts and bottleneck ends are. */
    static boolean isPointwise(Node n) {
        return n.op() instanceof Op.Conv c && c.window().kernelH() == 1 && c.window().kernelW() == 1;
    }
}
