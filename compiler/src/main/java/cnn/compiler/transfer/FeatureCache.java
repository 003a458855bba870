package cnn.compiler.transfer;

import cnn.compiler.codegen.training.TrainerJit;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.Shape;
import cnn.compiler.graph.TensorSpec;
import cnn.compiler.graph.TrainSpec;
import cnn.compiler.jit.JitException;
import cnn.runtime.data.Dataset;
import cnn.runtime.io.FloatArray;
import cnn.runtime.io.IntArray;
import cnn.runtime.io.NdArray;
import cnn.runtime.io.Npz;
import cnn.runtime.kernels.Parallel;
import cnn.runtime.train.TrainableModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Feature caching, the lecture notes' speed-up: run a model's frozen trunk (its layers up to a
 * named tensor) once over a dataset and save what comes out, so a head can train on the saved
 * features instead of pushing every image through the trunk in every epoch.
 *
 * <p>The trunk runs in the generated trainer's inference mode: the same kernels as a training
 * step, batchnorm with its running statistics (as a frozen batchnorm normalises in training too)
 * and no dropout. So a head trained on the features gets, bit for bit, the inputs it would get
 * on top of the frozen trunk, as long as the trunk has no dropout and training uses no
 * augmentation (features are of the images as they are).
 *
 * <p>The file is a dataset {@code .npz} (SPEC §3): {@code x} holds the features as
 * {@code N x H x W x C} float32 (a vector of K values as {@code N x 1 x 1 x K}, so a head model
 * takes {@code input 1x1xK} and flattens), {@code y} the dataset's labels or targets, in the
 * dataset's order.
 */
public final class FeatureCache {

    private FeatureCache() {
    }

    /** Samples per forward call. */
    static final int BATCH = 128;

    /**
     * {@code net}'s layers up to {@code until} (the layer or named tensor, with everything it
     * reads), as a model of its own whose only output is {@code until}.
     *
     * @throws TransferException when {@code until} is not a layer of {@code net}
     */
    public static Network trunk(Network net, String until) throws TransferException {
        Map<String, Node> byName = new HashMap<>();
        net.nodes().forEach(n -> byName.put(n.name(), n));
        if (!byName.containsKey(until)) {
            List<String> names = net.nodes().stream().map(Node::name).toList();
            throw new TransferException(net.name() + " has no layer '" + until + "'" + (until.equals(net.inputName())
                    ? " (that is its input: there is nothing to run)" : "; its layers are " + String.join(", ", names)));
        }
        Set<String> keep = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(until));
        while (!todo.isEmpty()) {
            Node n = byName.get(todo.pop());
            if (n != null && keep.add(n.name())) {
                todo.addAll(n.inputs());
            }
        }
        List<Node> nodes = net.nodes().stream().filter(n -> keep.contains(n.name())).toList();
        // mse: a trunk has no head to choose a loss from, and the trainer only runs forward
        TrainSpec d = TrainSpec.defaults();
        TrainSpec spec = new TrainSpec(Optional.of(TrainSpec.Loss.MSE), d.optimizer(), d.schedule(), d.batch(),
                d.epochs(), List.of(), d.seed());
        return new Network(net.name() + "Trunk", net.packageName(), net.inputName(), net.input(), nodes,
                List.of(until), Optional.of(spec), Optional.empty(), net.span());
    }

    /** The trunk's tensors, each with its layer, to look up in a weights file. */
    static List<BaseWeights.Reused> tensors(Network trunk) {
        List<BaseWeights.Reused> out = new ArrayList<>();
        for (Node n : trunk.nodes()) {
            for (TensorSpec t : cnn.compiler.graph.WeightLayout.of(n)) {
                out.add(new BaseWeights.Reused(t, n.name(), null));
            }
        }
        return out;
    }

    /** A trunk's generated trainer, compiled in memory, holding its weights. */
    public record Extractor(Network trunk, TrainableModel model) {

        /** Floats per sample of the features. */
        public int featureSize() {
            return model.outputSize();
        }

        /** The features' shape per sample, {@code [H, W, C]} ({@code [1, 1, K]} for a vector). */
        public int[] featureShape() {
            Shape s = trunk.shapeOf(trunk.outputs().get(0));
            if (s instanceof Shape.Grid g) {
                return new int[] {(int) g.h(), (int) g.w(), (int) g.c()};
            }
            return new int[] {1, 1, (int) s.elements()};
        }

        /** The features of every sample of {@code data}, {@code N x H x W x C}. */
        public FloatArray run(Dataset data) {
            int n = data.size();
            int in = data.sampleSize();
            int size = featureSize();
            float[] out = new float[Math.multiplyExact(n, size)];
            float[] x = new float[BATCH * in];
            float[] y = new float[BATCH * size];
            for (int from = 0; from < n; from += BATCH) {
                int b = Math.min(BATCH, n - from);
                for (int i = 0; i < b; i++) {
                    data.copyImage(from + i, x, i * in);
                }
                model.forward(x, b, y);
                System.arraycopy(y, 0, out, from * size, b * size);
            }
            int[] s = featureShape();
            return new FloatArray(new int[] {n, s[0], s[1], s[2]}, out);
        }
    }

    /**
     * The extractor of {@code net} up to {@code until} with the trunk's tensors from
     * {@code weights} (a weights file of {@code net}, or of the model whose layers it reuses: the
     * names are the same; other tensors in the files are ignored).
     */
    public static Extractor extractor(Network net, String until, List<Path> weights, Parallel parallel)
            throws TransferException {
        Network trunk = trunk(net, until);
        Map<String, float[]> tensors = BaseWeights.read(net.name(), weights, tensors(trunk), false);
        try {
            TrainerJit.Compiled compiled = TrainerJit.compile(trunk);
            return new Extractor(trunk, compiled.trainer().create(tensors, BATCH, parallel));
        } catch (JitException e) {
            throw new TransferException(e.getMessage(), e);
        }
    }

    /** Writes the features as a dataset: {@code x} and the data's labels or targets as {@code y}. */
    public static void write(Path file, FloatArray features, Dataset data) throws IOException {
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("x", features);
        int n = data.size();
        if (data.classes() > 0) {
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = data.label(i);
            }
            arrays.put("y", new IntArray(new int[] {n}, labels));
        } else {
            int t = data.targetSize();
            float[] targets = new float[n * t];
            for (int i = 0; i < n; i++) {
                data.copyTarget(i, targets, i * t);
            }
            arrays.put("y", new FloatArray(new int[] {n, t}, targets));
        }
        Npz.write(file, arrays);
    }
}
