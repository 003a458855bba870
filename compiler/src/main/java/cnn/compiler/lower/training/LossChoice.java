package cnn.compiler.lower.training;

import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.TrainSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The loss a model trains with: the {@code train {}} section's, or the head's default (SPEC §1.5):
 * a {@code localize}, {@code landmarks} or {@code yolo} head gives its own loss, a final softmax
 * gives cross-entropy, anything else mean squared error.
 *
 * <p>A head loss trains the first output's head. The {@code yolo} loss trains every output that
 * is a {@code yolo} head, in output order, as one detector (YOLOv3's scales): the first output
 * must be one, and other outputs are left untrained.
 *
 * @param heads the head nodes the loss needs ({@code localize}, {@code landmarks}, {@code yolo}),
 *              in output order; empty for the other losses
 */
public record LossChoice(TrainSpec.Loss kind, List<Node> heads) {

    public LossChoice {
        heads = List.copyOf(heads);
    }

    /** The first output's head, if the loss needs one. */
    public Optional<Node> head() {
        return heads.isEmpty() ? Optional.empty() : Optional.of(heads.get(0));
    }

    /** The loss name as the {@code train {}} section writes it. */
    public String sourceName() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param output the tensor the loss reads (the model's first output)
     * @throws IllegalArgumentException when the section names a head loss the model has no head for
     */
    static LossChoice of(Network net, String output) {
        Optional<Node> head = headOf(net, output);
        Optional<TrainSpec.Loss> written = net.train().flatMap(TrainSpec::loss);
        TrainSpec.Loss kind = written.orElseGet(() -> defaultLoss(net, output, head));
        Class<? extends Op> needs = switch (kind) {
            case LOCALIZATION -> Op.Localize.class;
            case LANDMARKS -> Op.Landmarks.class;
            case YOLO -> Op.Yolo.class;
            default -> null;
        };
        if (needs != null && (head.isEmpty() || !needs.isInstance(head.get().op()))) {
            throw new IllegalArgumentException("model " + net.name() + ": loss " + kind.name().toLowerCase(Locale.ROOT)
                    + " needs the output " + output + " to be a " + kind.name().toLowerCase(Locale.ROOT)
                    .replace("localization", "localize") + " head");
        }
        if (needs == null) {
            return new LossChoice(kind, List.of());
        }
        List<Node> heads = new ArrayList<>(List.of(head.get()));
        if (kind == TrainSpec.Loss.YOLO) {
            for (String other : net.outputs().subList(1, net.outputs().size())) {
                headOf(net, other).filter(n -> n.op() instanceof Op.Yolo && !heads.contains(n)).ifPresent(heads::add);
            }
        }
        return new LossChoice(kind, heads);
    }

    private static TrainSpec.Loss defaultLoss(Network net, String output, Optional<Node> head) {
        if (head.isPresent()) {
            Op op = head.get().op();
            if (op instanceof Op.Localize) {
                return TrainSpec.Loss.LOCALIZATION;
            } else if (op instanceof Op.Landmarks) {
                return TrainSpec.Loss.LANDMARKS;
            } else if (op instanceof Op.Yolo) {
                return TrainSpec.Loss.YOLO;
            }
        }
        Activation last = finalActivation(net, output);
        return last.kind() == Activation.Kind.SOFTMAX ? TrainSpec.Loss.CROSS_ENTROPY : TrainSpec.Loss.MSE;
    }

    /** The head that produces {@code output}, looking through layers that only pass values on. */
    private static Optional<Node> headOf(Network net, String output) {
        String t = output;
        while (!t.equals(net.inputName())) {
            Node n = net.node(t);
            if (n.op() instanceof Op.Localize || n.op() instanceof Op.Landmarks || n.op() instanceof Op.Yolo) {
                return Optional.of(n);
            }
            if (!passesThrough(n)) {
                return Optional.empty();
            }
            t = n.input();
        }
        return Optional.empty();
    }

    /** The last non-linear activation before {@code output}, looking through layers that pass values on. */
    static Activation finalActivation(Network net, String output) {
        String t = output;
        while (!t.equals(net.inputName())) {
            Node n = net.node(t);
            Activation a = activationOf(n);
            if (!a.isLinear()) {
                return a;
            }
            if (!passesThrough(n)) {
                return Activation.LINEAR;
            }
            t = n.input();
        }
        return Activation.LINEAR;
    }

    /** The activation a node applies: its suffix, or a standalone activation's own. */
    static Activation activationOf(Node n) {
        if (!n.activation().isLinear()) {
            return n.activation();
        }
        return n.op() instanceof Op.Act a ? a.activation() : Activation.LINEAR;
    }

    /** Flatten and heads leave values as they are (a standalone linear activation too). */
    static boolean passesThrough(Node n) {
        Op op = n.op();
        return op instanceof Op.Flatten || op instanceof Op.Localize || op instanceof Op.Landmarks
                || op instanceof Op.Yolo || (op instanceof Op.Act a && a.activation().isLinear());
    }
}
