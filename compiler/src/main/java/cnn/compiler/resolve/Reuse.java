package cnn.compiler.resolve;

import cnn.compiler.diag.Reporter;
import cnn.compiler.diag.SourceSpan;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.Op;
import cnn.compiler.syntax.Decl;
import cnn.compiler.syntax.Ident;
import cnn.compiler.syntax.Stmt;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@code use MODEL [until NAME] [frozen]}: the other model's layers, up to NAME, copied onto the
 * current tensor with their names kept (so its weights file loads as it is) and their shapes
 * inferred again for what they now read.
 */
final class Reuse {

    private final Program program;
    private final GraphBuilder graph;
    private final Reporter reporter;

    Reuse(Program program, GraphBuilder graph, Reporter reporter) {
        this.program = program;
        this.graph = graph;
        this.reporter = reporter;
    }

    String use(Stmt.Use u, String current, ModelResolver.Ctx ctx) {
        Optional<ResolvedModel> found = model(u.model(), ctx.scope().file);
        if (found == null) {
            return GraphBuilder.POISON;
        }
        if (found.isEmpty()) {
            return GraphBuilder.POISON;
        }
        ResolvedModel m = found.get();
        Network net = m.network();
        String end;
        if (u.until().isPresent()) {
            Ident until = u.until().get();
            end = m.tensors().get(until.name());
            if (end == null && (net.nodes().stream().anyMatch(n -> n.name().equals(until.name())))) {
                end = until.name();
            }
            if (end == null) {
                Set<String> names = new TreeSet<>(m.tensors().keySet());
                net.nodes().forEach(n -> names.add(n.name()));
                reporter.error("E0204", until.span(), "model " + net.name() + " has no layer or tensor '" + until.name()
                        + "'", Suggest.hint(until.name(), names) != null ? Suggest.hint(until.name(), names)
                        : "its layers are " + String.join(", ", names));
                return GraphBuilder.POISON;
            }
        } else if (net.outputs().size() != 1) {
            reporter.error("E0217", u.model().span(), "model " + net.name() + " has " + net.outputs().size()
                    + " outputs (" + String.join(", ", net.outputs()) + "); say which to continue from",
                    "write use " + net.name() + " until " + net.outputs().get(0));
            return GraphBuilder.POISON;
        } else {
            end = net.outputs().get(0);
        }
        if (end.equals(net.inputName())) {
            return current;
        }
        Set<String> keep = ancestors(net, end);
        Map<String, String> mapping = copy(net, current, keep, u.frozen() || ctx.frozen(), u.span(), Node::op);
        if (mapping == null) {
            return GraphBuilder.POISON;
        }
        for (Map.Entry<String, String> t : m.tensors().entrySet()) {
            String mapped = mapping.get(t.getValue());
            if (mapped != null) {
                ctx.scope().tensors.putIfAbsent(t.getKey(), mapped);
            }
        }
        return mapping.get(end);
    }

    /**
     * The model named there, resolved: empty when it has errors of its own (reported where it is
     * written), null after reporting that the name is not a model.
     */
    Optional<ResolvedModel> model(Ident name, FileScope file) {
        FileScope.Visible v = file.lookup(name.name());
        if (v == null || !(v.decl() instanceof Decl.Model || v.decl() instanceof Decl.Slide)) {
            Set<String> models = new TreeSet<>();
            for (String n : file.names()) {
                Decl d = file.lookup(n).decl();
                if (d instanceof Decl.Model || d instanceof Decl.Slide) {
                    models.add(n);
                }
            }
            reporter.error("E0209", name.span(), v == null ? "unknown model '" + name.name() + "'"
                    : name.name() + " is a " + FileScope.kind(v.decl()) + ", not a model",
                    Suggest.hint(name.name(), models) != null ? Suggest.hint(name.name(), models)
                            : models.isEmpty() ? "define the model in this file or import the file that has it" : null);
            return null;
        }
        return program.model(v.decl(), v.owner(), name.span());
    }

    /** The layers {@code end} depends on (itself included). */
    static Set<String> ancestors(Network net, String end) {
        Map<String, Node> byName = new HashMap<>();
        net.nodes().forEach(n -> byName.put(n.name(), n));
        Set<String> keep = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.push(end);
        while (!todo.isEmpty()) {
            String t = todo.pop();
            Node n = byName.get(t);
            if (n != null && keep.add(t)) {
                n.inputs().forEach(todo::push);
            }
        }
        return keep;
    }

    /**
     * Copies the layers in {@code keep} (in their order) onto {@code input}, each with the op
     * {@code rewrite} gives it (null: the layer disappears and its input stands for it).
     *
     * @return the other model's tensor names to the names here, or null after an error
     */
    Map<String, String> copy(Network net, String input, Set<String> keep, boolean frozen, SourceSpan span,
                             Function<Node, Op> rewrite) {
        Map<String, String> mapping = new HashMap<>();
        mapping.put(net.inputName(), input);
        for (Node n : net.nodes()) {
            if (!keep.contains(n.name())) {
                continue;
            }
            List<String> inputs = n.inputs().stream().map(mapping::get).toList();
            Op op = rewrite.apply(n);
            if (op == null) {
                mapping.put(n.name(), inputs.get(0));
                continue;
            }
            if (graph.isUsed(n.name())) {
                reporter.error("E0203", span, "layer " + n.name() + " of " + net.name()
                        + " has the name of a layer already in " + graph.model(),
                        "name the layers before this statement differently; reused layers keep their names");
                return null;
            }
            String out = graph.add(n.name(), op, inputs, n.activation(), n.frozen() || frozen, net.name(), span);
            mapping.put(n.name(), out);
        }
        return mapping;
    }
}
