package cnn.compiler.resolve;

import cnn.compiler.diag.Reporter;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.Shape;
import cnn.compiler.shape.ShapeRules;
import cnn.compiler.syntax.Decl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code model S = slide D over SHAPE} (SPEC §1.6): D's layers on a larger input, with every
 * {@code dense} after {@code flatten} turned into a convolution over the extent it flattened
 * (a dense after that one gets a 1x1 kernel) and the flatten removed. Names are D's, so S
 * loads D's weights file.
 */
final class Slider {

    private final Program program;
    private final FileScope file;
    private final Reporter reporter;

    Slider(Program program, FileScope file, Reporter reporter) {
        this.program = program;
        this.file = file;
        this.reporter = reporter;
    }

    Optional<ResolvedModel> resolve(Decl.Slide s) {
        String name = s.name().name();
        int errorsBefore = reporter.errorCount();
        Value v = new Evaluator(reporter).eval(s.over(), Env.constants(file));
        Shape.Grid over = v instanceof Value.Unknown ? null : Shapes.grid(v);
        if (over == null && !(v instanceof Value.Unknown)) {
            reporter.error("E0353", s.over().span(), "slide " + s.detector().name() + " over needs a shape H x W x C such "
                    + "as 64x64x3, got " + v.show(), null);
        }
        if (over != null && !ShapeRules.checkInput(name, over, s.over().span(), reporter)) {
            over = null;
        }
        GraphBuilder graph = new GraphBuilder(name, "input", over, reporter);
        Optional<ResolvedModel> found = new Reuse(program, graph, reporter).model(s.detector(), file);
        if (found == null || found.isEmpty() || over == null) {
            return Optional.empty();
        }
        Network d = found.get().network();
        graph = new GraphBuilder(name, d.inputName(), over, reporter);
        Map<String, Node> byName = new HashMap<>();
        d.nodes().forEach(n -> byName.put(n.name(), n));
        Map<String, Op> rewritten = new HashMap<>();
        for (Node n : d.nodes()) {
            Op op = rewrite(n, byName, d, s);
            if (op == null && !(n.op() instanceof Op.Flatten)) {
                return Optional.empty();
            }
            rewritten.put(n.name(), op);
        }
        Reuse reuse = new Reuse(program, graph, reporter);
        Map<String, String> mapping = reuse.copy(d, d.inputName(), byName.keySet(), false, s.span(),
                n -> rewritten.get(n.name()));
        if (mapping == null || reporter.errorCount() > errorsBefore || !graph.allKnown()) {
            return Optional.empty();
        }
        List<String> outputs = d.outputs().stream().map(mapping::get).collect(Collectors.toCollection(ArrayList::new));
        Network net = new Network(name, file.packageName(), d.inputName(), over, graph.finish(), outputs,
                Optional.empty(), Optional.of(d.name()), s.span());
        return Optional.of(new ResolvedModel(net, Map.of()));
    }

    /** The op a layer of D becomes; null for flatten (it disappears) or after an error. */
    private Op rewrite(Node n, Map<String, Node> byName, Network d, Decl.Slide s) {
        if (n.op() instanceof Op.Flatten) {
            return null;
        }
        if (n.op() instanceof Op.BatchNorm && origin(n.input(), byName) instanceof Op.Flatten) {
            reporter.error("E0351", s.span(), "slide " + d.name() + ": " + n.name() + " normalises the "
                    + n.inputShape() + " values of a flatten one by one, which has no convolutional form",
                    "put batchnorm before flatten or after the first dense");
            return null;
        }
        if (!(n.op() instanceof Op.Dense dense)) {
            return n.op();
        }
        Node from = byName.get(n.input());
        Node source = from == null ? null : producer(n.input(), byName);
        if (source != null && source.op() instanceof Op.Flatten && source.inputShape() instanceof Shape.Grid g) {
            return new Op.SlidingDense(dense.units(), (int) g.h(), (int) g.w(), (int) g.c(), dense.bias());
        }
        if (source != null && source.op() instanceof Op.Dense) {
            return new Op.SlidingDense(dense.units(), 1, 1, (int) n.inputShape().elements(), dense.bias());
        }
        String what = source == null ? "the input" : source.name() + " (" + source.op().opName() + ")";
        reporter.error("E0351", s.span(), "slide " + d.name() + ": " + n.name() + " reads a vector made by " + what
                + ", not by flatten or dense, so it cannot slide", "only a dense after flatten becomes a convolution");
        return null;
    }

    /** The layer that made a vector, looking through element-wise layers (activations, dropout, batchnorm). */
    private static Node producer(String tensor, Map<String, Node> byName) {
        Node n = byName.get(tensor);
        while (n != null && (n.op() instanceof Op.Act || n.op() instanceof Op.Dropout || n.op() instanceof Op.BatchNorm)) {
            n = byName.get(n.input());
        }
        return n;
    }

    private static Op origin(String tensor, Map<String, Node> byName) {
        Node n = producer(tensor, byName);
        return n == null ? null : n.op();
    }
}
