package cnn.runtime.optim;

import java.util.Map;

/**
 * Updates a model's flat parameter array from the parallel flat gradient array, following
 * {@code torch.optim} exactly so that a run can be checked step by step against PyTorch.
 *
 * <p>Tensors the {@link ParamLayout} marks frozen are left alone, and so is their state: as in
 * PyTorch, a tensor's state (and its step count) starts at its first trainable step. To
 * freeze or unfreeze tensors mid-run, make a new optimizer with the new layout and hand it
 * {@link #state()} of the old one.
 *
 * <p>Not thread-safe: one optimizer per trainer.
 */
public sealed interface Optimizer permits Sgd, Adam {

    ParamLayout layout();

    /**
     * One update. {@code lr} is the rate of the schedule for this step; each tensor uses
     * {@code lr} times its {@link ParamLayout.Tensor#lrScale()}.
     *
     * @param params the flat parameters, updated in place
     * @param grads  the flat gradients (already averaged over the batch); only read
     */
    void step(float[] params, float[] grads, double lr);

    /**
     * The optimizer's state as named flat arrays, for checkpoints. Arrays parallel to the
     * parameters have the layout's size; {@code step} holds one count per tensor, in layout
     * order (exact up to 2^24 steps, long after Adam's bias corrections have reached 1). These
     * are the live arrays: copy them if the optimizer keeps running while they are written.
     */
    Map<String, float[]> state();

    /**
     * Replaces the state with {@code state} (copied), as {@link #state()} returned it for a
     * layout of the same geometry.
     *
     * @throws IllegalArgumentException naming the array that is missing or has the wrong length
     */
    void loadState(Map<String, float[]> state);
}
