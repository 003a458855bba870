package cnn.runtime.train;

/**
 * Optional for a {@link TrainableModel}: the trained output (logits where the loss fuses the
 * final softmax) of the batch of the last {@code step} or {@code computeGradients}, {@code n ·
 * outputSize()} values, batch outermost. A trainer that offers it lets {@link Fit} count the
 * training accuracy on every batch without a second forward pass; without it the loop samples
 * one batch in {@link TrainingAccuracy#SAMPLE_EVERY} with an extra inference pass.
 */
public interface StepOutputs {

    /** The live array of the last step's outputs; read before the next step. */
    float[] stepOutputs();
}
