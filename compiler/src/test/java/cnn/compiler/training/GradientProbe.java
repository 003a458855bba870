package cnn.compiler.training;

import cnn.runtime.optim.ParamLayout;
import java.util.List;
import java.util.Map;

/** What tests call on a double-precision trainer (generated with {@code TrainerOptions.gradientCheck}). */
public interface GradientProbe {

    void forwardTraining(double[] x, int n);

    void forwardInference(double[] x, int n);

    double[] trainedOutput();

    double[] outputGradient();

    void backward(int n);

    double[] parameters();

    double[] gradients();

    double[] inputGradient();

    ParamLayout layout();

    List<String> layers();

    void setFrozen(String layer, boolean frozen);

    void setSeed(long seed);

    Map<String, float[]> tensors();

    /** Makes probes; what the generated nested {@code Factory} implements. */
    interface Factory {
        GradientProbe create(Map<String, float[]> tensors, int maxBatch, cnn.runtime.kernels.Parallel parallel);
    }
}
