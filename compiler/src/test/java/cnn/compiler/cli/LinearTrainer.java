package cnn.compiler.cli;

import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.Shape;
import cnn.compiler.cli.train.TrainerSource;
import cnn.compiler.graph.TrainSpec;
import cnn.runtime.init.Initializer;
import cnn.runtime.loss.SoftmaxCrossEntropy;
import cnn.runtime.model.Model;
import cnn.runtime.model.ModelInfo;
import cnn.runtime.model.TensorInfo;
import cnn.runtime.optim.Optimizer;
import cnn.runtime.optim.ParamLayout;
import cnn.runtime.optim.Schedule;
import cnn.runtime.train.Optimizers;
import cnn.runtime.train.StepOutputs;
import cnn.runtime.train.Targets;
import cnn.runtime.train.TrainConfig;
import cnn.runtime.train.TrainableModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-written trainer for the one network shape the command's tests need before generated
 * trainers exist: {@code flatten} then one {@code dense K softmax} (multinomial logistic
 * regression), with the network's own layer names, shapes and {@code train {}} section, trained
 * with the runtime's softmax cross-entropy and optimizers. Not a stand-in for the generator: it
 * refuses every other network.
 */
final class LinearTrainer implements TrainableModel, StepOutputs {

    /** The source for {@code cnnc train}: this trainer for networks it can train, a refusal otherwise. */
    static final TrainerSource SOURCE = LinearTrainer::of;

    private final ModelInfo info;
    private final String layer;
    private final int inputs;
    private final int classes;
    private final int maxBatch;
    private final TrainConfig config;
    private final SoftmaxCrossEntropy loss;
    private final float[] params;
    private final float[] grads;
    private final float[] logits;
    private final float[] dLogits;
    private ParamLayout layout;
    private Optimizer optimizer;
    private double lr;
    /** For the tests that make the loss blow up: the step from which the gradients are infinite. */
    private long poisonFrom = Long.MAX_VALUE;
    private long steps;

    private LinearTrainer(Network n, Node dense, int maxBatch, long seed) {
        Shape.Grid in = n.input();
        this.layer = dense.name();
        this.inputs = (int) in.elements();
        this.classes = ((Op.Dense) dense.op()).units();
        this.info = new ModelInfo(n.name(), (int) in.h(), (int) in.w(), (int) in.c(), List.of(layer),
                List.of(List.of(classes)), n.totalParams());
        this.maxBatch = maxBatch;
        this.config = config(n.train().orElse(TrainSpec.defaults()));
        this.loss = new SoftmaxCrossEntropy(classes);
        this.layout = ParamLayout.builder().add(layer + ".weight", inputs * classes).add(layer + ".bias", classes)
                .build();
        this.params = new float[layout.size()];
        this.grads = new float[layout.size()];
        this.logits = new float[maxBatch * classes];
        this.dLogits = new float[maxBatch * classes];
        float[] w = new float[inputs * classes];
        Initializer.xavier(seed, layer + ".weight", inputs, classes, w);
        System.arraycopy(w, 0, params, 0, w.length);
        this.optimizer = Optimizers.create(config.optimizer(), layout, config);
        this.lr = config.lr();
    }

    static TrainableModel of(Network n, int maxBatch, long seed) throws TrainerSource.TrainerException {
        List<Node> nodes = n.nodes();
        if (nodes.size() != 2 || !(nodes.get(0).op() instanceof Op.Flatten) || !(nodes.get(1).op() instanceof Op.Dense)
                || nodes.get(1).activation().kind() != Activation.Kind.SOFTMAX) {
            throw new TrainerSource.TrainerException("the test trainer only trains flatten + dense softmax", null);
        }
        return new LinearTrainer(n, nodes.get(1), maxBatch, seed);
    }

    /** The train section as the generated trainers carry it. */
    static TrainConfig config(TrainSpec s) {
        String optimizer;
        double momentum = 0;
        double beta1 = 0;
        double beta2 = 0;
        double weightDecay;
        boolean nesterov = false;
        if (s.optimizer() instanceof TrainSpec.Adam a) {
            optimizer = "adam";
            beta1 = a.beta1();
            beta2 = a.beta2();
            weightDecay = a.weightDecay();
        } else {
            TrainSpec.Sgd g = (TrainSpec.Sgd) s.optimizer();
            optimizer = "sgd";
            momentum = g.momentum();
            weightDecay = g.weightDecay();
            nesterov = g.nesterov();
        }
        Schedule schedule = new Schedule.Constant();
        if (s.schedule() instanceof TrainSpec.Step st) {
            schedule = new Schedule.Step(st.every(), st.gamma());
        } else if (s.schedule() instanceof TrainSpec.Cosine) {
            schedule = new Schedule.Cosine();
        }
        List<String> augment = new ArrayList<>();
        for (TrainSpec.Augment a : s.augment()) {
            if (a instanceof TrainSpec.Flip f) {
                augment.add(f.vertical() ? "flip(vertical)" : "flip(horizontal)");
            } else if (a instanceof TrainSpec.Rotate r) {
                augment.add("rotate(" + r.degrees() + ")");
            } else if (a instanceof TrainSpec.Crop c) {
                augment.add("crop(" + c.pixels() + ")");
            } else if (a instanceof TrainSpec.Brightness b) {
                augment.add("brightness(" + b.delta() + ")");
            }
        }
        return new TrainConfig("cross_entropy", optimizer, s.optimizer().lr(), momentum, weightDecay, nesterov, beta1,
                beta2, schedule, s.batch(), s.epochs(), augment, s.seed());
    }

    void poisonFrom(long step) {
        this.poisonFrom = step;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public int inputSize() {
        return inputs;
    }

    @Override
    public int outputSize() {
        return classes;
    }

    @Override
    public int maxBatch() {
        return maxBatch;
    }

    @Override
    public TrainConfig config() {
        return config;
    }

    @Override
    public float step(float[] x, Targets targets, int n) {
        float l = computeGradients(x, targets, n);
        applyGradients();
        return l;
    }

    @Override
    public float computeGradients(float[] x, Targets targets, int n) {
        logits(x, n, logits);
        double value = loss.loss(logits, ((Targets.Labels) targets).labels(), n, dLogits);
        Arrays.fill(grads, 0);
        int biasOffset = inputs * classes;
        for (int s = 0; s < n; s++) {
            for (int k = 0; k < classes; k++) {
                float g = dLogits[s * classes + k];
                grads[biasOffset + k] += g;
                for (int i = 0; i < inputs; i++) {
                    grads[k * inputs + i] += g * x[s * inputs + i];
                }
            }
        }
        if (steps >= poisonFrom) {
            Arrays.fill(grads, Float.POSITIVE_INFINITY);
        }
        return (float) value;
    }

    @Override
    public void applyGradients() {
        optimizer.step(params, grads, lr);
        steps++;
    }

    @Override
    public void forward(float[] x, int n, float[] out) {
        logits(x, n, out);
        for (int s = 0; s < n; s++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                max = Math.max(max, out[s * classes + k]);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += Math.exp(out[s * classes + k] - max);
            }
            for (int k = 0; k < classes; k++) {
                out[s * classes + k] = (float) (Math.exp(out[s * classes + k] - max) / sum);
            }
        }
    }

    @Override
    public float evaluate(float[] x, Targets targets, int n, float[] out) {
        logits(x, n, logits);
        double value = loss.loss(logits, ((Targets.Labels) targets).labels(), n, null);
        forward(x, n, out);
        return (float) value;
    }

    private void logits(float[] x, int n, float[] out) {
        int biasOffset = inputs * classes;
        for (int s = 0; s < n; s++) {
            for (int k = 0; k < classes; k++) {
                double z = params[biasOffset + k];
                for (int i = 0; i < inputs; i++) {
                    z += params[k * inputs + i] * x[s * inputs + i];
                }
                out[s * classes + k] = (float) z;
            }
        }
    }

    @Override
    public float[] stepOutputs() {
        return logits;
    }

    @Override
    public float[] parameters() {
        return params;
    }

    @Override
    public float[] gradients() {
        return grads;
    }

    @Override
    public ParamLayout layout() {
        return layout;
    }

    @Override
    public List<TensorInfo> tensorInfos() {
        return List.of(new TensorInfo(layer + ".weight", List.of(classes, inputs), true),
                new TensorInfo(layer + ".bias", List.of(classes), true));
    }

    @Override
    public Map<String, float[]> tensors() {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (ParamLayout.Tensor t : layout.tensors()) {
            out.put(t.name(), Arrays.copyOfRange(params, t.offset(), t.end()));
        }
        return out;
    }

    @Override
    public void loadTensors(Map<String, float[]> tensors) {
        for (ParamLayout.Tensor t : layout.tensors()) {
            System.arraycopy(tensors.get(t.name()), 0, params, t.offset(), t.length());
        }
    }

    @Override
    public Optimizer optimizer() {
        return optimizer;
    }

    @Override
    public void setOptimizer(Optimizer optimizer) {
        this.optimizer = optimizer;
        this.layout = optimizer.layout();
    }

    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public void setLearningRate(double lr) {
        this.lr = lr;
    }

    @Override
    public List<String> layers() {
        return List.of(layer);
    }

    @Override
    public void setFrozen(String name, boolean frozen) {
        throw new UnsupportedOperationException("the test trainer does not freeze layers");
    }

    @Override
    public void setSeed(long seed) {
        // no dropout
    }

    @Override
    public Model model() {
        throw new UnsupportedOperationException("the test trainer has no inference class");
    }
}
