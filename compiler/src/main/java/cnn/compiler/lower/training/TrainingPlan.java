package cnn.compiler.lower.training;

import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.Shape;
import cnn.compiler.graph.TensorSpec;
import cnn.compiler.graph.TrainSpec;
import cnn.compiler.graph.WeightLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A network lowered for training: the layers the loss depends on, in forward order; which
 * tensors are kept for the backward pass; where the loss attaches; the flat parameter layout;
 * and which layers start frozen.
 *
 * <p>Every tensor a computing layer writes is kept for the whole batch (the backward pass reads
 * layer inputs for weight gradients, pooling winners and batchnorm's normalised values, and
 * outputs for activation derivatives); layers that leave values as they are (flatten, heads, a
 * linear activation, dropout at rate 0) share their input's buffers. Nothing is kept per step
 * beyond that, and no layer is trained twice.
 *
 * @param steps         computing layers the loss depends on, in forward order
 * @param aliases       tensor → the tensor whose buffers it shares
 * @param tensors       every buffered tensor and its floats per sample, the input first
 * @param trained       the tensor the loss reads (the logits when a final softmax/sigmoid is fused); with
 *                      several yolo heads, the first head's
 * @param trainedOutputs every tensor the loss reads, in output order: {@code trained} alone, or each
 *                      yolo head's when the loss trains several (their values are concatenated per
 *                      sample for the loss, head after head)
 * @param fused         the final activation the loss fuses, which inference applies after the logits
 * @param layers        the layers with trainable tensors, in network order
 * @param params        the flat parameter array: every trainable tensor, in weights-file order
 * @param parameterCount length of the flat parameter array
 */
public record TrainingPlan(Network network, List<TrainStep> steps, Map<String, String> aliases,
                           Map<String, Integer> tensors, String trained, List<String> trainedOutputs, LossChoice loss,
                           Activation fused, List<TrainLayer> layers, List<ParamTensor> params, int parameterCount) {

    public TrainingPlan {
        steps = List.copyOf(steps);
        trainedOutputs = List.copyOf(trainedOutputs);
        aliases = Map.copyOf(aliases);
        tensors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        layers = List.copyOf(layers);
        params = List.copyOf(params);
    }

    /** The tensor whose buffers hold {@code tensor}. */
    public String resolve(String tensor) {
        return resolve(aliases, tensor);
    }

    /** Floats per sample of the trained output; of every trained output together when there are several. */
    public int outputSize() {
        int n = 0;
        for (String t : trainedOutputs) {
            n += tensors.get(t);
        }
        return n;
    }

    /** The loss reads several outputs (yolo heads), concatenated per sample. */
    public boolean severalOutputs() {
        return trainedOutputs.size() > 1;
    }

    public Shape trainedShape() {
        return network.shapeOf(trained);
    }

    public Optional<TrainLayer> layer(String name) {
        return layers.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /**
     * @throws IllegalArgumentException with a message for the user when the model cannot be
     *                                  trained (a sliding-window model, a loss without its head)
     */
    public static TrainingPlan lower(Network net) {
        if (net.weightsFrom().isPresent() || net.nodes().stream().anyMatch(n -> n.op() instanceof Op.SlidingDense)) {
            throw new IllegalArgumentException("model " + net.name() + " is a sliding window over "
                    + net.weightsFrom().orElse("another model") + " and is inference-only: train "
                    + net.weightsFrom().orElse("the detector") + " instead; " + net.name() + " loads its weights file");
        }
        String output = net.outputs().get(0);
        LossChoice loss = LossChoice.of(net, output);
        Map<String, Node> byName = new HashMap<>();
        for (Node n : net.nodes()) {
            byName.put(n.name(), n);
        }

        // The activation the loss fuses is left out of the training forward pass.
        Activation fused = Activation.LINEAR;
        String strippedNode = null;
        Activation.Kind fusable = loss.kind() == TrainSpec.Loss.CROSS_ENTROPY ? Activation.Kind.SOFTMAX
                : loss.kind() == TrainSpec.Loss.BCE ? Activation.Kind.SIGMOID : null;
        if (fusable != null) {
            List<String> chain = new ArrayList<>();
            String t = output;
            while (!t.equals(net.inputName())) {
                Node n = byName.get(t);
                chain.add(t);
                Activation a = LossChoice.activationOf(n);
                if (!a.isLinear()) {
                    if (a.kind() == fusable) {
                        fused = a;
                        strippedNode = n.name();
                    }
                    break;
                }
                if (!LossChoice.passesThrough(n)) {
                    break;
                }
                t = n.input();
            }
            if (strippedNode != null) {
                checkOnlyChainReads(net, chain, loss);
            }
        }

        // The outputs the loss reads: the first, or every yolo head's.
        List<String> trainedNames = new ArrayList<>();
        for (Node head : loss.kind() == TrainSpec.Loss.YOLO ? loss.heads() : List.<Node>of()) {
            trainedNames.add(head.name());
        }
        if (trainedNames.isEmpty()) {
            trainedNames.add(output);
        }

        // Layers the loss depends on.
        Set<String> live = new HashSet<>();
        List<String> work = new ArrayList<>(trainedNames);
        while (!work.isEmpty()) {
            String t = work.remove(work.size() - 1);
            if (t.equals(net.inputName()) || !live.add(t)) {
                continue;
            }
            work.addAll(byName.get(t).inputs());
        }

        // Trainable layers and the flat layout, over every layer (a layer the loss does not reach still saves and loads).
        List<TrainLayer> layers = new ArrayList<>();
        List<ParamTensor> params = new ArrayList<>();
        Map<String, TrainLayer> layerOf = new HashMap<>();
        int offset = 0;
        for (Node n : net.nodes()) {
            List<ParamTensor> own = new ArrayList<>();
            for (TensorSpec spec : WeightLayout.of(n)) {
                String suffix = spec.name().substring(n.name().length() + 1);
                if (suffix.startsWith("running_")) {
                    continue;
                }
                int length = Math.toIntExact(spec.size());
                Optional<int[]> packing = suffix.equals("weight") && spec.shape().length == 4
                        ? Optional.of(spec.shape())
                        : suffix.equals("weight") && spec.shape().length == 2
                        ? Optional.of(new int[] {spec.shape()[0], spec.shape()[1], 1, 1})
                        : Optional.empty();
                ParamTensor p = new ParamTensor(spec.name(), n.name(), offset, length, packing);
                own.add(p);
                offset = Math.addExact(offset, length);
            }
            if (!own.isEmpty()) {
                TrainLayer l = new TrainLayer(n.name(), layers.size(), own, n.frozen(), n.op() instanceof Op.BatchNorm);
                layers.add(l);
                params.addAll(own);
                layerOf.put(n.name(), l);
            }
        }

        // Computing steps and aliases.
        Map<String, String> aliases = new HashMap<>();
        List<Node> computing = new ArrayList<>();
        for (Node n : net.nodes()) {
            if (!live.contains(n.name())) {
                continue;
            }
            Activation act = n.name().equals(strippedNode) ? Activation.LINEAR : n.activation();
            boolean identity = LossChoice.passesThrough(n)
                    || (n.op() instanceof Op.Act && n.name().equals(strippedNode))
                    || (n.op() instanceof Op.Dropout d && d.rate() == 0);
            if (identity && act.isLinear()) {
                aliases.put(n.name(), n.input());
            } else {
                computing.add(n);
            }
        }
        Map<String, Integer> tensors = new LinkedHashMap<>();
        tensors.put(net.inputName(), Math.toIntExact(net.input().elements()));
        for (Node n : computing) {
            tensors.put(n.name(), Math.toIntExact(n.output().elements()));
        }

        // The loss writes the trained outputs' gradients; after it, the first writer of each
        // gradient in backward order assigns and later ones add.
        List<String> trainedOutputs = trainedNames.stream().map(t -> resolve(aliases, t)).toList();
        if (new HashSet<>(trainedOutputs).size() < trainedOutputs.size()) {
            throw new IllegalArgumentException("model " + net.name() + ": two yolo heads read the same tensor; "
                    + "give each head its own convolution");
        }
        Set<String> written = new HashSet<>(trainedOutputs);
        List<TrainStep> reversed = new ArrayList<>();
        for (int i = computing.size() - 1; i >= 0; i--) {
            Node n = computing.get(i);
            List<String> inputs = n.inputs().stream().map(in -> resolve(aliases, in)).toList();
            List<Boolean> assigns = new ArrayList<>();
            for (String in : inputs) {
                assigns.add(written.add(in));
            }
            Activation act = n.name().equals(strippedNode) ? Activation.LINEAR : n.activation();
            if (n.op() instanceof Op.Act a && !n.name().equals(strippedNode) && act.isLinear()) {
                act = a.activation();
            }
            reversed.add(new TrainStep(n, inputs, act, savesPreActivation(n.op(), act), assigns,
                    Optional.ofNullable(layerOf.get(n.name()))));
        }
        List<TrainStep> steps = new ArrayList<>();
        for (int i = reversed.size() - 1; i >= 0; i--) {
            steps.add(reversed.get(i));
        }
        return new TrainingPlan(net, steps, aliases, tensors, trainedOutputs.get(0), trainedOutputs, loss, fused, layers,
                params, offset);
    }

    /** Swish needs its input; a max pool finds its winner among its raw outputs; leaky with a slope ≤ 0 is not invertible by sign. */
    private static boolean savesPreActivation(Op op, Activation act) {
        if (act.isLinear() || op instanceof Op.Act) {
            return false;
        }
        boolean maxPool = (op instanceof Op.Pool p && p.kind() == Op.PoolKind.MAX)
                || (op instanceof Op.GlobalPool g && g.kind() == Op.PoolKind.MAX);
        return maxPool || act.kind() == Activation.Kind.SWISH
                || (act.kind() == Activation.Kind.LEAKY && !(act.alpha() > 0));
    }

    /** Left out of training, the fused activation must not be missed by another reader of the tensors in between. */
    private static void checkOnlyChainReads(Network net, List<String> chain, LossChoice loss) {
        Set<String> inChain = new HashSet<>(chain);
        for (Node n : net.nodes()) {
            if (inChain.contains(n.name())) {
                continue;
            }
            for (String in : n.inputs()) {
                if (inChain.contains(in)) {
                    throw new IllegalArgumentException("model " + net.name() + ": loss "
                            + loss.kind().name().toLowerCase(Locale.ROOT) + " trains on the values before the final "
                            + "activation of " + chain.get(chain.size() - 1) + ", but layer " + n.name()
                            + " also reads " + in + "; read an earlier tensor there or end the model in its own "
                            + "activation layer");
                }
            }
        }
        for (String o : net.outputs().subList(1, net.outputs().size())) {
            if (inChain.contains(o)) {
                throw new IllegalArgumentException("model " + net.name() + ": output " + o
                        + " is part of the first output's final activation, which training leaves to the loss");
            }
        }
    }

    static String resolve(Map<String, String> aliases, String tensor) {
        String t = tensor;
        while (aliases.containsKey(t)) {
            t = aliases.get(t);
        }
        return t;
    }
}
