package cnn.runtime.train;

import cnn.runtime.kernels.Parallel;
import cnn.runtime.model.Model;
import cnn.runtime.model.ModelInfo;
import cnn.runtime.model.TensorInfo;
import cnn.runtime.optim.Optimizer;
import cnn.runtime.optim.ParamLayout;

import java.util.List;
import java.util.Map;

/**
 * What every generated trainer ({@code MTrainer}) implements, so the generic loop in this
 * package can train any model. Layout is NHWC, batch outermost; a batch holds at most
 * {@link #maxBatch()} samples (the trainer's workspace is allocated once for that size).
 *
 * <p>The trained output is the model's first output <em>before</em> a final softmax or sigmoid
 * when the loss fuses it (cross-entropy, binary cross-entropy): the loss works on logits.
 * {@link #forward} and {@link #evaluate} give the model's real outputs (probabilities). A model
 * with several {@code yolo} heads trains them together: its trained output is every head's grid,
 * one after another per sample ({@code cnn.runtime.detect.YoloHeads}), and so are its targets
 * and what {@link #forward} writes.
 *
 * <p>All trainable tensors (weights, biases, batchnorm scales and shifts, constant kernels written
 * in the source, which train unless frozen) live in one flat {@link #parameters()} array, with
 * the parallel {@link #gradients()} array, placed by {@link #layout()}. Batchnorm running
 * statistics are not in it; {@link #tensors()} has them.
 *
 * <p>Determinism: with the same seed and the same thread count the weights after any number
 * of steps are the same bit for bit. Not thread-safe: one caller at a time.
 */
public interface TrainableModel {

    /** The inference model's description (name, input, outputs, parameter count). */
    ModelInfo info();

    /** Floats in one input sample ({@code H·W·C}). */
    int inputSize();

    /** Floats per sample of the trained output, and of {@link Targets.Values} targets. */
    int outputSize();

    /** The largest batch {@link #step} and the other batch methods accept. */
    int maxBatch();

    /** The settings of the model's {@code train {}} section (defaults where it is silent). */
    TrainConfig config();

    /**
     * One training step on {@code n} samples: forward in training mode (batch statistics,
     * dropout), the loss, backward, and one optimizer step at {@link #learningRate()}.
     * Frozen tensors are not updated and frozen batchnorm layers keep their running statistics.
     *
     * @return the mean loss of the batch, before the update
     */
    float step(float[] x, Targets targets, int n);

    /**
     * As {@link #step} without the update: the batch-mean gradients replace the contents of
     * {@link #gradients()}; batchnorm running statistics are updated as in a step.
     */
    float computeGradients(float[] x, Targets targets, int n);

    /** One optimizer step with the gradients now in {@link #gradients()}. */
    void applyGradients();

    /**
     * Inference mode (running statistics, no dropout): writes {@code n·outputSize()} values, the
     * model's first output (its yolo heads' grids together, when it trains several).
     */
    void forward(float[] x, int n, float[] out);

    /**
     * Inference mode on a labelled batch: writes the outputs as {@link #forward} does and returns
     * the mean loss; changes nothing.
     */
    float evaluate(float[] x, Targets targets, int n, float[] out);

    /**
     * The flat trainable parameters; the live array. Each tensor's values are in the order the
     * generated kernels read them (weights {@code [kh][kw][in/groups][out]}), not the file
     * layout: use {@link #tensors()} for that. Optimizers work element by element and do not care.
     */
    float[] parameters();

    /** The flat gradients parallel to {@link #parameters()}; the live array. */
    float[] gradients();

    /** Where each trainable tensor lives in the flat arrays, and whether it is frozen now. */
    ParamLayout layout();

    /** Every tensor of the weights file (SPEC §5), in file order. */
    List<TensorInfo> tensorInfos();

    /** Copies of every tensor in the file layout (weights, biases, running statistics), keyed by name. */
    Map<String, float[]> tensors();

    /**
     * Replaces the weights (and running statistics) with {@code tensors}, in the file layout.
     *
     * @throws IllegalArgumentException naming a tensor that is missing or has the wrong size
     */
    void loadTensors(Map<String, float[]> tensors);

    /** The optimizer that {@link #step} uses. */
    Optimizer optimizer();

    /**
     * Replaces the optimizer (e.g. Adam instead of the model's SGD). It must be built on a layout
     * with the geometry of {@link #layout()}; its layout's frozen marks become the trainer's.
     */
    void setOptimizer(Optimizer optimizer);

    /** The optimizer's state for a checkpoint (see {@link Optimizer#state()}). */
    default Map<String, float[]> optimizerState() {
        return optimizer().state();
    }

    /** Restores the optimizer's state from a checkpoint. */
    default void loadOptimizerState(Map<String, float[]> state) {
        optimizer().loadState(state);
    }

    double learningRate();

    /** The rate of the next steps; the loop sets it from the schedule. */
    void setLearningRate(double lr);

    /** The names of the layers that have trainable tensors, in network order. */
    List<String> layers();

    /**
     * Freezes or unfreezes a layer (weights, bias, batchnorm scale and shift, and whether
     * batchnorm updates its running statistics). Optimizer state is kept.
     *
     * @throws IllegalArgumentException for a name not in {@link #layers()}
     */
    void setFrozen(String layer, boolean frozen);

    /** Fine-tuning: freezes every layer except the last {@code k} of {@link #layers()}. */
    default void trainOnlyLast(int k) {
        List<String> names = layers();
        if (k < 0) {
            throw new IllegalArgumentException("the number of layers to train must not be negative, got " + k);
        }
        for (int i = 0; i < names.size(); i++) {
            setFrozen(names.get(i), i < names.size() - k);
        }
    }

    /** Seeds the dropout masks of the following steps. */
    void setSeed(long seed);

    /** A new inference model holding a copy of the current weights and running statistics. */
    Model model();

    /**
     * Makes trainers of one generated model. A generated trainer {@code MTrainer} has a public
     * nested class {@code MTrainer.Factory} with a no-argument constructor, so a tool that
     * compiled the model at run time needs nothing beyond instantiating that class by name.
     */
    interface Factory {

        /** The inference model's description. */
        ModelInfo info();

        /**
         * A trainer of the given weights (the file layout, keyed by tensor name, e.g. from
         * {@link Model#tensors()} or a weights file).
         *
         * @param maxBatch the largest batch it will be given; its workspace is allocated for it
         * @param parallel the threads a batch is split over
         * @throws IllegalArgumentException naming a missing or mis-sized tensor
         */
        TrainableModel create(Map<String, float[]> tensors, int maxBatch, Parallel parallel);

        /** A trainer of {@code model}'s weights on the shared threads. */
        default TrainableModel create(Model model, int maxBatch) {
            return create(model.tensors(), maxBatch, Parallel.common());
        }
    }
}
