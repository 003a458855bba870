package cnn.compiler.lower;

import cnn.compiler.graph.Network;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.Op;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides which batchnorm layers fold into the layer before them for inference. A batchnorm
 * folds when it reads the output of a conv, dwconv, dense or sliding dense layer that has no
 * activation of its own, that nothing else reads, and that is not a network output: then
 * {@code bn(w·x + b) = (w·s)·x + (b·s + t)} with the per-channel scale {@code s} and shift {@code t}.
 */
public final class BatchNormFusion {

    private BatchNormFusion() {
    }

    /** The producer's name → the batchnorm folded into it, in network order. */
    public static Map<String, Node> decide(Network network) {
        Map<String, Integer> readers = new HashMap<>();
        for (Node n : network.nodes()) {
            for (String in : n.inputs()) {
                readers.merge(in, 1, Integer::sum);
            }
        }
        Map<String, Node> byName = new HashMap<>();
        for (Node n : network.nodes()) {
            byName.put(n.name(), n);
        }
        Map<String, Node> fused = new LinkedHashMap<>();
        for (Node bn : network.nodes()) {
            if (!(bn.op() instanceof Op.BatchNorm) || bn.inputs().size() != 1) {
                continue;
            }
            Node producer = byName.get(bn.input());
            if (producer == null || !foldable(producer.op()) || !producer.activation().isLinear()) {
                continue;
            }
            if (readers.getOrDefault(producer.name(), 0) != 1 || network.outputs().contains(producer.name())) {
                continue;
            }
            fused.put(producer.name(), bn);
        }
        return fused;
    }

    private static boolean foldable(Op op) {
        return op instanceof Op.Conv || op instanceof Op.DepthwiseConv || op instanceof Op.Dense
                || op instanceof Op.SlidingDense;
    }
}
