package cnn.runtime.loss;

/**
 * A training loss over a batch of network outputs and targets shaped like them: the mean
 * over the batch (PyTorch's {@code reduction='mean'}), and its gradient with respect to the
 * outputs. Values are worked out in double precision; inputs and gradients are float.
 *
 * <p>Arrays hold {@code n} samples of {@link #size()} values each, one after another (NHWC for
 * grids). The gradient array is overwritten, not added to; pass null to only evaluate.
 * Implementations keep no state between calls and may be shared.
 */
public sealed interface Loss permits SoftmaxCrossEntropy, MeanSquaredError, BinaryCrossEntropy, LocalizationLoss,
        LandmarksLoss, YoloLoss {

    /** Values per sample, in the output and in the target. */
    int size();

    /**
     * @return the loss averaged as described by the implementation
     * @throws IllegalArgumentException when the arrays are shorter than {@code n} samples or
     *                                  a target is outside what the loss accepts
     */
    double loss(float[] output, float[] target, int n, float[] grad);
}
