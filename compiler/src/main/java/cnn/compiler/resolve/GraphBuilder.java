package cnn.compiler.resolve;

import cnn.compiler.diag.Reporter;
import cnn.compiler.diag.SourceSpan;
import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.Shape;
import cnn.compiler.shape.LayerFacts;
import cnn.compiler.shape.ShapeRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The layers of one model as they are made, in order, each shape-checked by the shape rules the
 * moment it is added (blocks read {@code in.c} of tensors made just before). A tensor whose
 * shape could not be computed is "unknown"; layers after it are kept (so names are still
 * checked) but not inferred, so one mistake gives one message.
 */
final class GraphBuilder {

    /** The tensor a statement leaves current when it failed; its shape is unknown. */
    static final String POISON = "<error>";

    static final int MAX_LAYERS = 100_000;

    /** A layer being built; {@code output} is null when unknown. */
    record Pending(String name, Op op, List<String> inputs, List<Shape> inputShapes, Activation activation,
                   Shape output, LayerFacts facts, boolean frozen, String reusedFrom, SourceSpan span) {

        /** Brought in by {@code use}. */
        boolean reused() {
            return reusedFrom != null;
        }
    }

    private final String model;
    private final Reporter reporter;
    private final String inputName;
    private final Shape.Grid input;
    private final List<Pending> nodes = new ArrayList<>();
    private final Map<String, Pending> byName = new HashMap<>();
    /** Layer names and the names of block scopes and sepconv pairs: what a new name must avoid. */
    private final Map<String, SourceSpan> used = new HashMap<>();
    private boolean full;

    GraphBuilder(String model, String inputName, Shape.Grid input, Reporter reporter) {
        this.model = model;
        this.reporter = reporter;
        this.inputName = inputName;
        this.input = input;
    }

    String model() {
        return model;
    }

    String inputName() {
        return inputName;
    }

    /** The shape of a tensor, or null when unknown. */
    Shape shape(String tensor) {
        if (tensor.equals(inputName)) {
            return input;
        }
        Pending p = byName.get(tensor);
        return p == null ? null : p.output();
    }

    boolean isLayer(String name) {
        return byName.containsKey(name);
    }

    Pending layer(String name) {
        return byName.get(name);
    }

    /** Whether the model reached {@link #MAX_LAYERS} (reported once); nothing more is added. */
    boolean isFull() {
        return full;
    }

    List<Pending> layers() {
        return nodes;
    }

    boolean isUsed(String name) {
        return used.containsKey(name) || name.equals(inputName);
    }

    /** Where a used name was first given. */
    SourceSpan usedAt(String name) {
        return used.get(name);
    }

    void claim(String name, SourceSpan span) {
        used.putIfAbsent(name, span);
    }

    /**
     * Adds a layer and infers its shape.
     *
     * @param reusedFrom the model a {@code use} brought the layer from, or null
     * @return the layer's name (its output tensor), or {@link #POISON} when it could not be added
     */
    String add(String name, Op op, List<String> inputs, Activation activation, boolean frozen, String reusedFrom,
               SourceSpan span) {
        if (full) {
            return POISON;
        }
        if (nodes.size() >= MAX_LAYERS) {
            full = true;
            reporter.error("E0456", span, "model " + model + " has more than " + MAX_LAYERS + " layers",
                    "check the repeat counts and loop ranges");
            return POISON;
        }
        List<Shape> shapes = new ArrayList<>();
        boolean known = true;
        for (String in : inputs) {
            Shape s = shape(in);
            shapes.add(s);
            known &= s != null;
        }
        Shape output = null;
        LayerFacts facts = null;
        if (known) {
            Optional<LayerFacts> inferred = ShapeRules.infer(name, op, shapes, span, reporter);
            if (inferred.isPresent()) {
                facts = inferred.get();
                output = facts.output();
            }
        }
        Pending p = new Pending(name, op, inputs, shapes, activation, output, facts, frozen, reusedFrom, span);
        nodes.add(p);
        byName.put(name, p);
        claim(name, span);
        // the scopes a name sits in are taken too: a block called after `use` must not reopen one
        for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
            claim(name.substring(0, dot), span);
        }
        return name;
    }

    /** Every layer as a graph node; only valid when every shape is known. */
    List<Node> finish() {
        List<Node> out = new ArrayList<>();
        for (Pending p : nodes) {
            LayerFacts f = p.facts();
            out.add(new Node(p.name(), p.op(), p.inputs(), p.inputShapes(), p.activation(), f.output(), f.params(),
                    f.nonTrainable(), f.macs(), p.frozen(), p.span(), Optional.ofNullable(p.reusedFrom())));
        }
        return out;
    }

    boolean allKnown() {
        return nodes.stream().allMatch(p -> p.facts() != null && !p.inputs().contains(POISON));
    }

    /** Tensors read by some layer. */
    Set<String> consumed() {
        Set<String> out = new HashSet<>();
        for (Pending p : nodes) {
            out.addAll(p.inputs());
        }
        return out;
    }
}
