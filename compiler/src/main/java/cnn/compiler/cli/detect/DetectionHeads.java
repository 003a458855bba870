package cnn.compiler.cli.detect;

import cnn.compiler.graph.Network;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.Shape;
import cnn.runtime.detect.Anchor;
import cnn.runtime.detect.YoloGrid;
import cnn.runtime.detect.YoloHeads;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The detection heads a model's outputs end in, read from its graph: what {@code cnnc train}
 * encodes targets for and scores with mAP, and what {@code cnnc detect} decodes. A model is a
 * YOLO detector (every output that is a {@code yolo} head, in output order, as its trainer
 * gathers them), a localiser (first output a {@code localize} head), a landmark finder (first
 * output a {@code landmarks} head), or none of these.
 */
public sealed interface DetectionHeads {

    /** @param outputs the indices in the model's outputs of the yolo heads, in the order of {@code heads} */
    record Yolo(YoloHeads heads, List<Integer> outputs) implements DetectionHeads {
        public Yolo {
            outputs = List.copyOf(outputs);
        }
    }

    record Localize(int classes) implements DetectionHeads {
    }

    record Landmarks(int count) implements DetectionHeads {
    }

    /** The heads of {@code net}'s outputs, or empty when its first output is no detection head. */
    static Optional<DetectionHeads> of(Network net) {
        List<String> outputs = net.outputs();
        Optional<Node> first = headOf(net, outputs.get(0));
        if (first.isEmpty()) {
            return Optional.empty();
        }
        Op op = first.get().op();
        if (op instanceof Op.Localize l) {
            return Optional.of(new Localize(l.classes()));
        } else if (op instanceof Op.Landmarks l) {
            return Optional.of(new Landmarks(l.count()));
        }
        List<YoloGrid> grids = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        List<Node> seen = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            Optional<Node> head = headOf(net, outputs.get(i));
            if (head.isPresent() && head.get().op() instanceof Op.Yolo y && !seen.contains(head.get())) {
                seen.add(head.get());
                Shape.Grid g = (Shape.Grid) head.get().output();
                List<Anchor> anchors = y.anchors().stream().map(a -> new Anchor(a.width(), a.height())).toList();
                grids.add(new YoloGrid((int) net.input().h(), (int) net.input().w(), (int) g.h(), (int) g.w(),
                        anchors, y.classes()));
                indices.add(i);
            }
        }
        return Optional.of(new Yolo(new YoloHeads(grids), indices));
    }

    /** The YOLO heads of {@code net}, when it is a YOLO detector. */
    static Optional<YoloHeads> yolo(Network net) {
        return of(net).filter(h -> h instanceof Yolo).map(h -> ((Yolo) h).heads());
    }

    /** The head that produces {@code output}, looking through layers that leave values as they are. */
    private static Optional<Node> headOf(Network net, String output) {
        String t = output;
        while (!t.equals(net.inputName())) {
            Node n = net.node(t);
            Op op = n.op();
            if (op instanceof Op.Localize || op instanceof Op.Landmarks || op instanceof Op.Yolo) {
                return Optional.of(n);
            }
            boolean passes = op instanceof Op.Flatten || (op instanceof Op.Act a && a.activation().isLinear());
            if (!passes || !n.activation().isLinear()) {
                return Optional.empty();
            }
            t = n.input();
        }
        return Optional.empty();
    }
}
