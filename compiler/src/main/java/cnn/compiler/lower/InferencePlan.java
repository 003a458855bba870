package cnn.compiler.lower;

import cnn.compiler.graph.Network;
import cnn.compiler.graph.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A network lowered for inference: the steps that compute, with batchnorm folded where
 * {@link BatchNormFusion} allows it, identity layers turned into aliases, and a buffer for
 * every tensor.
 *
 * @param aliases tensor → the tensor whose buffer it shares (identity layers, folded convs)
 */
public record InferencePlan(Network network, List<Step> steps, Map<String, String> aliases, BufferPlan buffers) {

    public InferencePlan {
        steps = List.copyOf(steps);
        aliases = Map.copyOf(aliases);
    }

    /** The tensor whose buffer holds {@code tensor}. */
    public String resolve(String tensor) {
        String t = tensor;
        while (aliases.containsKey(t)) {
            t = aliases.get(t);
        }
        return t;
    }

    /** Buffer index of a tensor of the network (input, output or any layer that computes). */
    public int slot(String tensor) {
        return buffers.slot(resolve(tensor));
    }

    public static InferencePlan lower(Network network) {
        Map<String, Node> fused = BatchNormFusion.decide(network);
        Map<String, String> aliases = new HashMap<>();
        for (Node bn : fused.values()) {
            // the folded conv's own output never exists; the batchnorm's name is what readers use
            aliases.put(bn.input(), bn.name());
        }
        List<Step> steps = new ArrayList<>();
        Map<String, Integer> sizes = new HashMap<>();
        Set<String> foldedNorms = new HashSet<>();
        for (Node bn : fused.values()) {
            foldedNorms.add(bn.name());
        }
        for (Node n : network.nodes()) {
            if (foldedNorms.contains(n.name())) {
                continue;
            }
            if (Identities.isAlias(n)) {
                aliases.put(n.name(), n.input());
                continue;
            }
            Node bn = fused.get(n.name());
            List<String> inputs = new ArrayList<>();
            for (String in : n.inputs()) {
                inputs.add(resolve(aliases, in));
            }
            Step s = bn == null
                    ? new Step(n, Optional.empty(), inputs, n.name(), n.activation())
                    : new Step(n, Optional.of(bn), inputs, bn.name(), bn.activation());
            steps.add(s);
            sizes.put(s.output(), Math.toIntExact(s.outputShape().elements()));
        }
        List<String> outputs = network.outputs().stream().map(o -> resolve(aliases, o)).toList();
        BufferPlan buffers = BufferPlan.allocate(network.inputName(), Math.toIntExact(network.input().elements()),
                steps, sizes, outputs);
        return new InferencePlan(network, steps, aliases, buffers);
    }

    private static String resolve(Map<String, String> aliases, String tensor) {
        String t = tensor;
        while (aliases.containsKey(t)) {
            t = aliases.get(t);
        }
        return t;
    }
}
