package cnn.runtime.train;

import cnn.runtime.loss.SoftmaxCrossEntropy;
import cnn.runtime.model.Model;
import cnn.runtime.model.ModelInfo;
import cnn.runtime.model.TensorInfo;
import cnn.runtime.optim.Optimizer;
import cnn.runtime.optim.ParamLayout;
import cnn.runtime.optim.Schedule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-written {@link TrainableModel} for testing the loop before generated trainers exist:
 * multinomial logistic regression, {@code logits = W·x + b}, one dense layer named {@code dense_1}
 * with SPEC §5 tensors {@code dense_1.weight [K, D]} and {@code dense_1.bias [K]}, trained with the
 * runtime's fused softmax cross-entropy. Its gradient is the textbook {@code (p − onehot)·xᵀ / n}.
 */
final class SoftmaxRegression implements TrainableModel, StepOutputs {

    static final String WEIGHT = "dense_1.weight";
    static final String BIAS = "dense_1.bias";

    private final ModelInfo info;
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
    private long seed;
    private int steps;

    SoftmaxRegression(int h, int w, int c, int classes, int maxBatch, TrainConfig config) {
        this.info = new ModelInfo("Softmax", h, w, c, List.of("dense_1"), List.of(List.of(classes)),
                (long) h * w * c * classes + classes);
        this.inputs = h * w * c;
        this.classes = classes;
        this.maxBatch = maxBatch;
        this.config = config;
        this.loss = new SoftmaxCrossEntropy(classes);
        this.layout = ParamLayout.builder().add(WEIGHT, inputs * classes).add(BIAS, classes).build();
        this.params = new float[layout.size()];
        this.grads = new float[layout.size()];
        this.logits = new float[maxBatch * classes];
        this.dLogits = new float[maxBatch * classes];
        this.optimizer = Optimizers.create(config.optimizer(), layout, config);
        this.lr = config.lr();
    }

    static TrainConfig config(String optimizer, double lr, int batch, int epochs, long seed) {
        return new TrainConfig("cross_entropy", optimizer, lr, optimizer.equals("sgd") ? 0.9 : 0, 0, false,
                optimizer.equals("adam") ? 0.9 : 0, optimizer.equals("adam") ? 0.999 : 0, new Schedule.Constant(),
                batch, epochs, List.of(), seed);
    }

    /** Steps taken, for tests. */
    int steps() {
        return steps;
    }

    /** The last seed the loop set, for tests. */
    long seed() {
        return seed;
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
        double value = lossOf(targets, n, dLogits);
        java.util.Arrays.fill(grads, 0);
        int biasOffset = inputs * classes;
        for (int s = 0; s < n; s++) {
            for (int k = 0; k < classes; k++) {
                float g = dLogits[s * classes + k];
                grads[biasOffset + k] += g;
                int row = k * inputs;
                for (int i = 0; i < inputs; i++) {
                    grads[row + i] += g * x[s * inputs + i];
                }
            }
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
        double value = lossOf(targets, n, null);
        forward(x, n, out);
        return (float) value;
    }

    private double lossOf(Targets targets, int n, float[] grad) {
        if (targets instanceof Targets.Labels l) {
            return loss.loss(logits, l.labels(), n, grad);
        } else if (targets instanceof Targets.Values v) {
            return loss.loss(logits, v.values(), n, grad);
        }
        throw new IllegalArgumentException("unknown targets " + targets);
    }

    private void logits(float[] x, int n, float[] out) {
        int biasOffset = inputs * classes;
        for (int s = 0; s < n; s++) {
            for (int k = 0; k < classes; k++) {
                double z = params[biasOffset + k];
                int row = k * inputs;
                for (int i = 0; i < inputs; i++) {
                    z += params[row + i] * x[s * inputs + i];
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
        return List.of(new TensorInfo(WEIGHT, List.of(classes, inputs), true),
                new TensorInfo(BIAS, List.of(classes), true));
    }

    @Override
    public Map<String, float[]> tensors() {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (ParamLayout.Tensor t : layout.tensors()) {
            out.put(t.name(), java.util.Arrays.copyOfRange(params, t.offset(), t.end()));
        }
        return out;
    }

    @Override
    public void loadTensors(Map<String, float[]> tensors) {
        for (ParamLayout.Tensor t : layout.tensors()) {
            float[] v = tensors.get(t.name());
            if (v == null || v.length != t.length()) {
                throw new IllegalArgumentException("tensor " + t.name() + " is missing or has the wrong size");
            }
        }
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
        if (!optimizer.layout().sameGeometry(layout)) {
            throw new IllegalArgumentException("optimizer layout does not match");
        }
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
        return List.of("dense_1");
    }

    @Override
    public void setFrozen(String layer, boolean frozen) {
        if (!layer.equals("dense_1")) {
            throw new IllegalArgumentException("no layer " + layer);
        }
        setOptimizer(rebuild(layout.withTrainable(WEIGHT, !frozen).withTrainable(BIAS, !frozen)));
    }

    private Optimizer rebuild(ParamLayout newLayout) {
        Optimizer o = Optimizers.create(Optimizers.kind(optimizer), newLayout, config);
        o.loadState(optimizer.state());
        return o;
    }

    @Override
    public void setSeed(long seed) {
        this.seed = seed;
    }

    @Override
    public Model model() {
        throw new UnsupportedOperationException("the test model has no generated inference class");
    }
}
