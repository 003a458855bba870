package cnn.runtime.train;

import cnn.runtime.model.Model;
import cnn.runtime.model.ModelInfo;
import cnn.runtime.model.TensorInfo;
import cnn.runtime.optim.Optimizer;
import cnn.runtime.optim.ParamLayout;
import java.util.List;
import java.util.Map;

/** A trainer that hides its {@link StepOutputs}, as a generated trainer without that option would. */
final class Delegating implements TrainableModel {

    private final TrainableModel d;

    Delegating(TrainableModel d) {
        this.d = d;
    }

    @Override
    public ModelInfo info() {
        return d.info();
    }

    @Override
    public int inputSize() {
        return d.inputSize();
    }

    @Override
    public int outputSize() {
        return d.outputSize();
    }

    @Override
    public int maxBatch() {
        return d.maxBatch();
    }

    @Override
    public TrainConfig config() {
        return d.config();
    }

    @Override
    public float step(float[] x, Targets targets, int n) {
        return d.step(x, targets, n);
    }

    @Override
    public float computeGradients(float[] x, Targets targets, int n) {
        return d.computeGradients(x, targets, n);
    }

    @Override
    public void applyGradients() {
        d.applyGradients();
    }

    @Override
    public void forward(float[] x, int n, float[] out) {
        d.forward(x, n, out);
    }

    @Override
    public float evaluate(float[] x, Targets targets, int n, float[] out) {
        return d.evaluate(x, targets, n, out);
    }

    @Override
    public float[] parameters() {
        return d.parameters();
    }

    @Override
    public float[] gradients() {
        return d.gradients();
    }

    @Override
    public ParamLayout layout() {
        return d.layout();
    }

    @Override
    public List<TensorInfo> tensorInfos() {
        return d.tensorInfos();
    }

    @Override
    public Map<String, float[]> tensors() {
        return d.tensors();
    }

    @Override
    public void loadTensors(Map<String, float[]> tensors) {
        d.loadTensors(tensors);
    }

    @Override
    public Optimizer optimizer() {
        return d.optimizer();
    }

    @Override
    public void setOptimizer(Optimizer optimizer) {
        d.setOptimizer(optimizer);
    }

    @Override
    public double learningRate() {
        return d.learningRate();
    }

    @Override
    public void setLearningRate(double lr) {
        d.setLearningRate(lr);
    }

    @Override
    public List<String> layers() {
        return d.layers();
    }

    @Override
    public void setFrozen(String layer, boolean frozen) {
        d.setFrozen(layer, frozen);
    }

    @Override
    public void setSeed(long seed) {
        d.setSeed(seed);
    }

    @Override
    public Model model() {
        return d.model();
    }
}
