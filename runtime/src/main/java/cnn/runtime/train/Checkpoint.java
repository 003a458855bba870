package cnn.runtime.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a run resumes from: the weights (file layout, SPEC §5 names), the optimizer's state and
 * where the run was. Read from a checkpoint {@link Checkpoints} wrote, or from a plain weights
 * file, which has weights only (training then starts at epoch 1 from those weights).
 *
 * @param tensors        every tensor of the model, by name in file order
 * @param optimizer      {@code sgd} or {@code adam}; empty for a plain weights file
 * @param optimizerState the optimizer's named arrays (see {@link cnn.runtime.optim.Optimizer#state()})
 * @param position       where the run was; empty for a plain weights file
 */
public record Checkpoint(Map<String, float[]> tensors, Optional<String> optimizer,
                         Map<String, float[]> optimizerState, Optional<Position> position) {

    public Checkpoint {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        optimizerState = Collections.unmodifiableMap(new LinkedHashMap<>(optimizerState));
    }

    /** True when it carries a training position (a checkpoint, not a plain weights file). */
    public boolean resumable() {
        return position.isPresent();
    }

    /** What {@link #restore} did with the optimizer state. */
    public enum OptimizerRestore {
        /** The state was loaded: the run continues exactly. */
        RESTORED,
        /** There was none (a plain weights file): the optimizer starts fresh. */
        NONE,
        /** The checkpoint was written by another optimizer: this one starts fresh. */
        OTHER_OPTIMIZER
    }

    /**
     * Loads the weights into {@code model}, and the optimizer state when the model's optimizer is
     * the one that wrote it.
     *
     * @throws IllegalArgumentException when a tensor or a state array does not fit the model
     */
    public OptimizerRestore restore(TrainableModel model) {
        model.loadTensors(tensors);
        if (optimizer.isEmpty()) {
            return OptimizerRestore.NONE;
        }
        if (!optimizer.get().equals(Optimizers.kind(model.optimizer()))) {
            return OptimizerRestore.OTHER_OPTIMIZER;
        }
        model.loadOptimizerState(optimizerState);
        return OptimizerRestore.RESTORED;
    }
}
