package cnn.compiler.graph;

import java.util.List;

/**
 * A model's {@code train {}} section (SPEC §1.5), validated; values the user left out are
 * the defaults, except the loss, which is empty when it should follow from the head.
 *
 * @param finetune the extension {@code finetune unfreeze=K epochs=N lr_scale=S}: after the
 *                 {@code epochs} with the reused layers frozen, N more with the last K frozen
 *                 layers that have weights unfrozen at S times the rate; empty when not written
 */
public record TrainSpec(java.util.Optional<Loss> loss, Optimizer optimizer, Schedule schedule, int batch, int epochs,
                        List<Augment> augment, long seed, java.util.Optional<FineTune> finetune) {

    /** Without a {@code finetune} setting. */
    public TrainSpec(java.util.Optional<Loss> loss, Optimizer optimizer, Schedule schedule, int batch, int epochs,
                     List<Augment> augment, long seed) {
        this(loss, optimizer, schedule, batch, epochs, augment, seed, java.util.Optional.empty());
    }

    /**
     * Fine-tuning after the head has trained (transfer learning).
     *
     * @param unfreeze how many of the last frozen layers with weights (conv, dense; batchnorm stays
     *                 frozen and keeps normalising with its running statistics) train again
     * @param epochs   epochs of fine-tuning after the section's {@code epochs}
     * @param lrScale  the unfrozen layers' rate is the schedule's rate times this
     */
    public record FineTune(int unfreeze, int epochs, double lrScale) {
        public static final double DEFAULT_LR_SCALE = 0.1;
    }

    public enum Loss { CROSS_ENTROPY, MSE, BCE, LOCALIZATION, LANDMARKS, YOLO }

    public sealed interface Optimizer {
        double lr();
    }

    public record Sgd(double lr, double momentum, double weightDecay, boolean nesterov) implements Optimizer {
    }

    public record Adam(double lr, double beta1, double beta2, double weightDecay) implements Optimizer {
    }

    public sealed interface Schedule {
    }

    public record Constant() implements Schedule {
    }

    public record Step(int every, double gamma) implements Schedule {
    }

    public record Cosine() implements Schedule {
    }

    public sealed interface Augment {
    }

    public record Flip(boolean horizontal, boolean vertical) implements Augment {
    }

    /** Up to {@code degrees} either way. */
    public record Rotate(double degrees) implements Augment {
    }

    /** Pad by {@code pixels} and crop back at a random offset. */
    public record Crop(int pixels) implements Augment {
    }

    public record Brightness(double delta) implements Augment {
    }

    public static TrainSpec defaults() {
        return new TrainSpec(java.util.Optional.empty(), new Sgd(0.01, 0.9, 0, false), new Constant(), 64, 10,
                List.of(), 42);
    }
}
