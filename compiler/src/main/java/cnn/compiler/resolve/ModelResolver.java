package cnn.compiler.resolve;

import cnn.compiler.diag.Reporter;
import cnn.compiler.diag.SourceSpan;
import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.Shape;
import cnn.compiler.graph.TrainSpec;
import cnn.compiler.shape.ShapeRules;
import cnn.compiler.syntax.Arg;
import cnn.compiler.syntax.Decl;
import cnn.compiler.syntax.Expr;
import cnn.compiler.syntax.Ident;
import cnn.compiler.syntax.Stmt;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One model's statements to its layer graph: blocks expanded, loops unrolled, names given
 * (SPEC §1.4), every layer shape-checked as it is made.
 */
final class ModelResolver {

    /**
     * Block calls nested deeper than this are reported instead of overflowing the stack. Each
     * level adds a part to the names of the layers inside, so with 64 levels blocks that call
     * the next twice made 100,000 layers with 350-character names (7 s, 1.4 GB allocated).
     */
    static final int MAX_BLOCK_DEPTH = 16;
    /** Loop iterations per model before the model is called too large. */
    static final int MAX_ITERATIONS = 1_000_000;
    /**
     * Statements run per model, block bodies and loop bodies counted each time they run: blocks
     * that each call the next twice double the work per block without any loop or layer.
     */
    static final int MAX_STATEMENTS = 200_000;
    /**
     * Errors of one model after which its statements stop running: a mistake in a loop body
     * is reported again at every iteration (300,000 times for {@code repeat 100000 { … }}, 3 s),
     * and what follows is found once the first ones are fixed.
     */
    static final int MAX_ERRORS = 100;

    /** Where a statement runs: its naming scope, what its names mean, whether its layers are frozen. */
    record Ctx(Scope scope, Env env, boolean frozen) {
        Ctx withEnv(Env e) {
            return new Ctx(scope, e, frozen);
        }
    }

    private final Program program;
    private final FileScope file;
    private final String modelName;
    private final Reporter reporter;
    private final Evaluator evaluator;
    private final Deque<Decl.Block> blocks = new ArrayDeque<>();
    private GraphBuilder graph;
    private int iterations;
    private boolean loopsExhausted;
    private int statements;
    private boolean statementsExhausted;
    private int errorsAtStart;
    private int loopDepth;

    ModelResolver(Program program, FileScope file, String modelName, Reporter reporter) {
        this.program = program;
        this.file = file;
        this.modelName = modelName;
        this.reporter = reporter;
        this.evaluator = new Evaluator(reporter);
    }

    Optional<ResolvedModel> resolve(Decl.Model m) {
        int errorsBefore = reporter.errorCount();
        errorsAtStart = errorsBefore;
        Shape.Grid input = inputShape(m.input());
        String inputName = m.input().name().map(Ident::name).orElse("input");
        graph = new GraphBuilder(modelName, inputName, input, reporter);
        Scope scope = new Scope("", inputName, file);
        Ctx ctx = new Ctx(scope, Env.of(file, Map.of(), input), false);
        String current = exec(m.body(), inputName, ctx);
        List<String> outputs = new ArrayList<>();
        if (m.output().isPresent()) {
            for (Ident t : m.output().get().tensors()) {
                outputs.add(lookup(t, scope));
            }
        } else {
            outputs.add(current);
        }
        Optional<TrainSpec> train = m.train().map(t -> new TrainReader(reporter, evaluator, Env.of(file, Map.of(), input))
                .read(t));
        if (reporter.errorCount() > errorsBefore || input == null || !graph.allKnown() || outputs.contains(GraphBuilder.POISON)) {
            return Optional.empty();
        }
        Warnings.check(graph, outputs, reporter);
        Network net = new Network(modelName, file.packageName(), inputName, input, graph.finish(), outputs, train,
                Optional.empty(), m.span());
        return Optional.of(new ResolvedModel(net, scope.tensors));
    }

    /** {@code input 28x28x1}: three whole numbers, each at least 1; null after an error. */
    private Shape.Grid inputShape(Decl.Input in) {
        Value v = evaluator.eval(in.shape(), Env.constants(file));
        if (v instanceof Value.Unknown) {
            return null;
        }
        Shape.Grid g = Shapes.grid(v);
        if (g == null) {
            reporter.error("E0353", in.shape().span(), "model " + modelName + ": input must be a shape H x W x C such as "
                    + "28x28x1, got " + v.show(), v instanceof Value.Int i
                    ? "a vector input is not supported; use " + "1x1x" + i.value() : null);
            return null;
        }
        return ShapeRules.checkInput("input", g, in.shape().span(), reporter) ? g : null;
    }

    // ------------------------------------------------------------------ statements

    String exec(List<Stmt> body, String current, Ctx ctx) {
        for (Stmt s : body) {
            if (!step(s.span())) {
                return GraphBuilder.POISON;
            }
            current = exec(s, current, ctx);
            if (s.assertion().isPresent()) {
                checkAssertion(s.assertion().get(), current, ctx);
            }
        }
        return current;
    }

    private String exec(Stmt s, String current, Ctx ctx) {
        if (s instanceof Stmt.Invoke i) {
            return invoke(i, current, ctx);
        } else if (s instanceof Stmt.Residual r) {
            return residual(r, current, ctx);
        } else if (s instanceof Stmt.BranchMerge b) {
            List<String> outs = new ArrayList<>();
            for (Stmt.Branch br : b.branches()) {
                outs.add(exec(br.body(), current, ctx));
            }
            return merge(b.kind(), b.target(), outs, b.activation(), b.span(), ctx);
        } else if (s instanceof Stmt.NamedMerge n) {
            List<String> outs = new ArrayList<>();
            for (Ident t : n.tensors()) {
                outs.add(lookup(t, ctx.scope()));
            }
            return merge(n.kind(), n.target(), outs, n.activation(), n.span(), ctx);
        } else if (s instanceof Stmt.From f) {
            return lookup(f.tensor(), ctx.scope());
        } else if (s instanceof Stmt.Repeat r) {
            return repeat(r, current, ctx);
        } else if (s instanceof Stmt.For f) {
            return forLoop(f, current, ctx);
        } else if (s instanceof Stmt.If i) {
            Boolean cond = evaluator.truth(evaluator.eval(i.condition(), ctx.env()), i.condition().span(), ctx.env());
            if (cond == null) {
                return GraphBuilder.POISON;
            }
            return exec(cond ? i.then() : i.otherwise(), current, ctx);
        } else if (s instanceof Stmt.Use u) {
            return new Reuse(program, graph, reporter).use(u, current, ctx);
        } else if (s instanceof Stmt.Frozen f) {
            return exec(f.body(), current, new Ctx(ctx.scope(), ctx.env(), true));
        }
        throw new IllegalStateException("statement not handled: " + s);
    }

    private void checkAssertion(Expr expected, String current, Ctx ctx) {
        Value v = evaluator.eval(expected, ctx.env());
        if (v instanceof Value.Unknown) {
            return;
        }
        Shape want = Shapes.shape(v);
        if (want == null) {
            reporter.error("E0352", expected.span(), "a shape assertion needs H x W x C (28x28x1) or a vector length "
                    + "(120), got " + v.show(), null);
            return;
        }
        Shape have = graph.shape(current);
        if (have == null || current.equals(GraphBuilder.POISON)) {
            return;
        }
        if (!have.equals(want)) {
            String what = current.equals(graph.inputName()) ? "the input" : current;
            GraphBuilder.Pending p = graph.layer(current);
            String hint = p != null && p.inputShapes().size() == 1 && p.inputShapes().get(0) != null
                    ? current + " reads " + p.inputShapes().get(0) + "; fix the layer or the expected shape" : null;
            reporter.error("E0305", expected.span(), "shape assertion failed: " + what + " is " + have + ", not " + want,
                    hint);
        }
    }

    // ------------------------------------------------------------------ layers and block calls

    private String invoke(Stmt.Invoke s, String current, Ctx ctx) {
        String callee = s.callee().name();
        List<Arg> args = new ArrayList<>(s.callArgs().orElse(List.of()));
        args.addAll(s.items());
        FileScope.Visible visible = ctx.scope().file.lookup(callee);
        if (visible != null && visible.decl() instanceof Decl.Block b) {
            return callBlock(s, b, visible.owner(), args, current, ctx);
        }
        Ops.Def def = Ops.get(callee);
        if (def == null) {
            String hint;
            if (visible != null && visible.decl() instanceof Decl.Model) {
                hint = callee + " is a model: write use " + callee + " to reuse its layers";
            } else if (visible != null) {
                hint = callee + " is a constant, not an operation";
            } else {
                Set<String> candidates = new TreeSet<>(Ops.names());
                ctx.scope().file.names().stream()
                        .filter(n -> ctx.scope().file.lookup(n).decl() instanceof Decl.Block).forEach(candidates::add);
                hint = Suggest.hint(callee, candidates);
            }
            reporter.error("E0201", s.callee().span(), "unknown operation or block '" + callee + "'", hint);
            return poison(s.target(), ctx);
        }
        Activation activation = Activation.LINEAR;
        if (!Ops.ACTIVATIONS.contains(callee)) {
            Optional<Activation> suffix = trailingActivation(args, ctx, 0);
            if (suffix == null) {
                return poison(s.target(), ctx);
            }
            if (suffix.isPresent()) {
                activation = suffix.get();
                args.remove(args.size() - 1);
            }
        }
        String name = layerName(s.target(), callee, ctx, s.callee().span());
        SourceSpan span = layerSpan(s);
        Map<String, Bound> bound = Binder.bind(name + ": ", callee, def.usage(), def.params(), args, s.callee().span(),
                evaluator, ctx.env(), reporter);
        if (bound == null) {
            return poison(s.target(), ctx);
        }
        List<Ops.Part> parts = def.builder().build(new ArgReader(name, bound, reporter, ctx.env()));
        if (parts.isEmpty()) {
            return poison(s.target(), ctx);
        }
        String out = current;
        for (int i = 0; i < parts.size(); i++) {
            Ops.Part part = parts.get(i);
            String layer = part.suffix() == null ? name : name + "." + part.suffix();
            Activation act = i == parts.size() - 1 ? activation : Activation.LINEAR;
            out = graph.add(layer, part.op(), List.of(out), act, ctx.frozen(), null, span);
        }
        name(s.target(), out, ctx);
        return out;
    }

    /**
     * The activation written last among positional arguments ({@code dense 10 softmax},
     * {@code leaky(0.2)}), when there are more than {@code params} positional arguments.
     *
     * @return empty when there is none, null after an error
     */
    private Optional<Activation> trailingActivation(List<Arg> args, Ctx ctx, int params) {
        if (args.isEmpty()) {
            return Optional.empty();
        }
        Arg last = args.get(args.size() - 1);
        long positional = args.stream().filter(a -> !a.isNamed()).count();
        if (last.isNamed() || positional <= params) {
            return Optional.empty();
        }
        String word = null;
        Expr alpha = null;
        if (last.value() instanceof Expr.NameRef n && !ctx.env().isBound(n.name())) {
            word = n.name();
        } else if (last.value() instanceof Expr.Call c && !ctx.env().isBound(c.function().name())) {
            word = c.function().name();
            if (!Ops.ACTIVATIONS.contains(word)) {
                return Optional.empty();
            }
            if (!word.equals("leaky") || c.args().size() > 1 || c.args().stream().anyMatch(Arg::isNamed)
                    && !c.args().get(0).name().get().name().equals("alpha")) {
                reporter.error("E0206", c.span(), word.equals("leaky") ? "leaky takes one value, its slope: leaky(0.1)"
                        : word + " takes no arguments", null);
                return null;
            }
            alpha = c.args().isEmpty() ? null : c.args().get(0).value();
        } else if (last.value() instanceof Expr.NameRef n) {
            Value v = ctx.env().lookup(n.name());
            if (v instanceof Value.Symbol sym) {
                word = sym.name();
            }
        }
        if (word == null || !Ops.ACTIVATIONS.contains(word)) {
            return Optional.empty();
        }
        return activation(word, alpha, ctx);
    }

    private Optional<Activation> activation(String word, Expr alpha, Ctx ctx) {
        if (!word.equals("leaky")) {
            return Optional.of(Activation.of(Activation.Kind.valueOf(word.toUpperCase(java.util.Locale.ROOT))));
        }
        if (alpha == null) {
            return Optional.of(Activation.of(Activation.Kind.LEAKY));
        }
        Value v = evaluator.eval(alpha, ctx.env());
        if (v instanceof Value.Unknown) {
            return null;
        }
        if (!Value.isNumber(v)) {
            reporter.error("E0213", alpha.span(), "leaky's slope must be a number, got " + v.show(), null);
            return null;
        }
        return Optional.of(new Activation(Activation.Kind.LEAKY, (float) Value.asDouble(v)));
    }

    /** A compound statement's trailing activation ({@code residual { … } relu}). */
    private Optional<Activation> activation(Optional<Stmt.ActivationRef> ref, Ctx ctx) {
        if (ref.isEmpty()) {
            return Optional.of(Activation.LINEAR);
        }
        Stmt.ActivationRef r = ref.get();
        String word = r.name().name();
        if (!Ops.ACTIVATIONS.contains(word)) {
            reporter.error("E0212", r.name().span(), "unknown activation '" + word + "'",
                    Suggest.hint(word, Ops.ACTIVATIONS) != null ? Suggest.hint(word, Ops.ACTIVATIONS)
                            : "the activations are relu, relu6, leaky(0.1), sigmoid, tanh, swish, softmax and linear");
            return null;
        }
        if (r.argument().isPresent() && !word.equals("leaky")) {
            reporter.error("E0206", r.span(), word + " takes no arguments", null);
            return null;
        }
        return activation(word, r.argument().orElse(null), ctx);
    }

    private String callBlock(Stmt.Invoke s, Decl.Block b, FileScope owner, List<Arg> args, String current, Ctx ctx) {
        String blockName = b.name().name();
        if (program.isRecursive(b)) {
            return poison(s.target(), ctx);
        }
        if (blocks.contains(b)) {
            List<String> chain = new ArrayList<>();
            blocks.descendingIterator().forEachRemaining(x -> chain.add(x.name().name()));
            chain.add(blockName);
            reporter.error("E0208", s.callee().span(), "block " + blockName + " calls itself: "
                    + String.join(" → ", chain.subList(chain.indexOf(blockName), chain.size())),
                    "blocks cannot be recursive; use repeat or for to build repeated layers");
            return poison(s.target(), ctx);
        }
        if (blocks.size() >= MAX_BLOCK_DEPTH) {
            reporter.error("E0208", s.callee().span(), "block calls are nested more than " + MAX_BLOCK_DEPTH + " deep",
                    null);
            return poison(s.target(), ctx);
        }
        Optional<Activation> activation = trailingActivation(args, ctx, b.params().size());
        if (activation == null) {
            return poison(s.target(), ctx);
        }
        if (activation.isPresent()) {
            args.remove(args.size() - 1);
        }
        List<Ops.Param> params = b.params().stream()
                .map(p -> new Ops.Param(p.name().name(), true, p.defaultValue().isEmpty())).toList();
        String usage = blockName + "(" + b.params().stream().map(p -> p.name().name()).collect(Collectors.joining(", "))
                + ")";
        Map<String, Bound> bound = Binder.bind("block " + blockName + ": ", "block " + blockName, usage, params, args, s.callee().span(), evaluator,
                ctx.env(), reporter);
        if (bound == null) {
            return poison(s.target(), ctx);
        }
        String scopeName = layerName(s.target(), blockName, ctx, s.callee().span());
        Shape in = graph.shape(current);
        Map<String, Value> locals = new LinkedHashMap<>();
        for (Decl.Param p : b.params()) {
            Bound given = bound.get(p.name().name());
            Value v = given != null ? given.value()
                    : evaluator.eval(p.defaultValue().get(), Env.of(owner, locals, in));
            locals.put(p.name().name(), v);
        }
        graph.claim(scopeName, s.callee().span());
        Scope inner = new Scope(scopeName + ".", current, owner);
        blocks.push(b);
        String out;
        try {
            out = exec(b.body(), current, new Ctx(inner, Env.of(owner, locals, in), ctx.frozen()));
        } finally {
            blocks.pop();
        }
        if (activation.isPresent() && !activation.get().isLinear()) {
            out = standaloneActivation(activation.get(), out, ctx, s.callee().span());
        }
        name(s.target(), out, ctx);
        return out;
    }

    private String standaloneActivation(Activation a, String input, Ctx ctx, SourceSpan span) {
        String op = a.kind().name().toLowerCase(java.util.Locale.ROOT);
        String name = ctx.scope().autoName(op, graph);
        return graph.add(name, new Op.Act(a), List.of(input), Activation.LINEAR, ctx.frozen(), null, span);
    }

    // ------------------------------------------------------------------ merges and control flow

    private String residual(Stmt.Residual r, String current, Ctx ctx) {
        boolean skip = false;
        if (r.condition().isPresent()) {
            Boolean cond = evaluator.truth(evaluator.eval(r.condition().get(), ctx.env()), r.condition().get().span(),
                    ctx.env());
            if (cond == null) {
                return poison(r.target(), ctx);
            }
            skip = !cond;
        }
        Optional<Activation> activation = activation(r.activation(), ctx);
        String body = exec(r.body(), current, ctx);
        if (activation == null) {
            return poison(r.target(), ctx);
        }
        if (skip) {
            String out = body;
            if (!activation.get().isLinear()) {
                out = standaloneActivation(activation.get(), out, ctx, r.span());
            }
            name(r.target(), out, ctx);
            return out;
        }
        String skipPath = current;
        if (r.shortcut().isPresent()) {
            Stmt.Shortcut sc = r.shortcut().get();
            boolean project = true;
            if (sc.condition().isPresent()) {
                Boolean cond = evaluator.truth(evaluator.eval(sc.condition().get(), ctx.env()),
                        sc.condition().get().span(), ctx.env());
                if (cond == null) {
                    return poison(r.target(), ctx);
                }
                project = cond;
            }
            if (project) {
                skipPath = exec(sc.body(), current, ctx);
            }
        }
        String name = layerName(r.target(), "residual", ctx, r.span());
        String out = graph.add(name, new Op.Add(), List.of(skipPath, body), activation.get(), ctx.frozen(), null,
                r.span());
        name(r.target(), out, ctx);
        return out;
    }

    private String merge(Stmt.MergeKind kind, Optional<Ident> target, List<String> inputs,
                         Optional<Stmt.ActivationRef> activationRef, SourceSpan span, Ctx ctx) {
        Optional<Activation> activation = activation(activationRef, ctx);
        if (activation == null) {
            return poison(target, ctx);
        }
        String name = layerName(target, kind.word(), ctx, span);
        Op op = kind == Stmt.MergeKind.ADD ? new Op.Add() : new Op.Concat();
        String out = graph.add(name, op, inputs, activation.get(), ctx.frozen(), null, span);
        name(target, out, ctx);
        return out;
    }

    private String repeat(Stmt.Repeat r, String current, Ctx ctx) {
        Value v = evaluator.eval(r.count(), ctx.env());
        Long n = count(v, r.count().span(), "repeat count", ctx);
        if (n == null) {
            return GraphBuilder.POISON;
        }
        for (long i = 0; i < n; i++) {
            if (!iterate(r.span())) {
                return GraphBuilder.POISON;
            }
            loopDepth++;
            try {
                current = exec(r.body(), current, ctx);
            } finally {
                loopDepth--;
            }
        }
        return current;
    }

    private String forLoop(Stmt.For f, String current, Ctx ctx) {
        Long from = count(evaluator.eval(f.from(), ctx.env()), f.from().span(), "loop start", ctx);
        Long to = count(evaluator.eval(f.to(), ctx.env()), f.to().span(), "loop end", ctx);
        if (from == null || to == null) {
            return GraphBuilder.POISON;
        }
        for (long i = from; i <= to; i++) {
            if (!iterate(f.span())) {
                return GraphBuilder.POISON;
            }
            loopDepth++;
            try {
                current = exec(f.body(), current, ctx.withEnv(ctx.env().with(f.variable().name(), new Value.Int(i))));
            } finally {
                loopDepth--;
            }
            if (i == Long.MAX_VALUE) {
                break;
            }
        }
        return current;
    }

    /** A whole number for a loop; repeat counts must not be negative. Null after an error. */
    private Long count(Value v, SourceSpan span, String what, Ctx ctx) {
        if (v instanceof Value.Unknown) {
            return null;
        }
        if (v instanceof Value.Symbol s) {
            evaluator.unknownName(s, span, ctx.env());
            return null;
        }
        long n;
        if (v instanceof Value.Int i) {
            n = i.value();
        } else if (v instanceof Value.Real r && r.value() == Math.rint(r.value()) && Math.abs(r.value()) < 0x1p62) {
            n = (long) r.value();
        } else {
            reporter.error(v instanceof Value.Real ? "E0451" : "E0213", span, "the " + what + " must be a whole number, got "
                    + v.show(), null);
            return null;
        }
        if (what.equals("repeat count") && n < 0) {
            reporter.error("E0454", span, "the repeat count must not be negative, got " + n, null);
            return null;
        }
        return n;
    }

    /** Counts a statement run; false once the model ran too many or has too many layers (reported once). */
    private boolean step(SourceSpan span) {
        if (statementsExhausted || graph.isFull() || reporter.errorCount() - errorsAtStart > MAX_ERRORS) {
            return false;
        }
        if (++statements > MAX_STATEMENTS) {
            statementsExhausted = true;
            reporter.error("E0456", span, String.format("model %s runs more than %,d statements (block calls and "
                    + "loops unrolled)", modelName, MAX_STATEMENTS), "check the block calls, repeat counts and loop ranges");
            return false;
        }
        return true;
    }

    private boolean iterate(SourceSpan span) {
        if (loopsExhausted) {
            return false;
        }
        if (++iterations > MAX_ITERATIONS) {
            loopsExhausted = true;
            reporter.error("E0456", span, "model " + modelName + " runs more than " + MAX_ITERATIONS
                    + " loop iterations", "check the repeat counts and loop ranges");
            return false;
        }
        return true;
    }

    // ------------------------------------------------------------------ names

    /**
     * The layer's full name: {@code prefix + target}, or the next {@code <op>_<k>}. A target
     * already used is E0203; an automatic name is used instead so nothing else fails with it.
     */
    private String layerName(Optional<Ident> target, String op, Ctx ctx, SourceSpan span) {
        if (target.isPresent()) {
            String name = ctx.scope().prefix + target.get().name();
            if (!graph.isUsed(name) && !name.equals(GraphBuilder.POISON)) {
                return name;
            }
            SourceSpan first = graph.usedAt(name);
            reporter.error("E0203", target.get().span(), "the name " + target.get().name() + " is already used"
                    + (first != null && first.isKnown() && first.file().equals(target.get().span().file())
                    ? " (line " + first.line() + ")" : "")
                    + (blocksOrLoops() ? " (a named layer inside repeat or for is made more than once)" : ""),
                    "give each layer its own name");
        }
        return ctx.scope().autoName(op, graph);
    }

    private boolean blocksOrLoops() {
        return loopDepth > 0;
    }

    /** Records {@code name = …} in the scope. */
    private void name(Optional<Ident> target, String tensor, Ctx ctx) {
        if (target.isPresent()) {
            ctx.scope().tensors.put(target.get().name(), tensor);
            ctx.scope().tensorSpans.put(target.get().name(), target.get().span());
        }
    }

    private String poison(Optional<Ident> target, Ctx ctx) {
        name(target, GraphBuilder.POISON, ctx);
        return GraphBuilder.POISON;
    }

    /** A tensor by name: named in this scope, the scope's input, or a layer of this scope. */
    String lookup(Ident id, Scope scope) {
        String name = id.name();
        String t = scope.tensors.get(name);
        if (t != null) {
            return t;
        }
        if (name.equals("input") || scope.prefix.isEmpty() && name.equals(graph.inputName())) {
            return scope.input;
        }
        if (graph.isLayer(scope.prefix + name)) {
            return scope.prefix + name;
        }
        Set<String> candidates = new TreeSet<>(scope.tensors.keySet());
        candidates.add("input");
        reporter.error("E0204", id.span(), "unknown tensor '" + name + "'",
                Suggest.hint(name, candidates) != null ? Suggest.hint(name, candidates)
                        : "name a tensor with name = …, e.g. " + name + " = conv 64, 3");
        return GraphBuilder.POISON;
    }

    /** Where a layer's messages point: from the op's name to the end of the statement. */
    private static SourceSpan layerSpan(Stmt.Invoke s) {
        SourceSpan c = s.callee().span();
        return new SourceSpan(c.file(), c.line(), c.column(), s.span().endLine(), s.span().endColumn());
    }

}
