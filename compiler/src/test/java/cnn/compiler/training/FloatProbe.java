package cnn.compiler.training;

import java.util.Map;

/**
 * What tests call on a float trainer generated with an input gradient (the trainer {@code cnnc}
 * writes, the runtime kernels included), to compare it with the double one of {@link GradientProbe}.
 */
public interface FloatProbe {

    void forwardTraining(float[] x, int n);

    float[] trainedOutput();

    float[] outputGradient();

    void backward(int n);

    float[] gradients();

    float[] inputGradient();

    void setSeed(long seed);

    /** Makes probes; what the generated nested {@code Factory} implements. */
    interface Factory {
        FloatProbe create(Map<String, float[]> tensors, int maxBatch, cnn.runtime.kernels.Parallel parallel);
    }
}
