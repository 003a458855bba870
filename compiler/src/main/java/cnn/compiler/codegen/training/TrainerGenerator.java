package cnn.compiler.codegen.training;

import cnn.compiler.codegen.GeneratedFile;
import cnn.compiler.graph.Network;
import cnn.compiler.lower.training.TrainingPlan;

/**
 * Generates {@code p.MTrainer}, the training class of {@code model M} (SPEC §4): it takes an
 * {@code M}, runs {@code step(x, targets, n)} (forward with saved activations, loss, backward,
 * one optimizer step) and implements {@code cnn.runtime.train.TrainableModel}, through which the
 * generic loop in {@code cnn.runtime.train} runs {@code fit} and {@code evaluate}.
 */
public final class TrainerGenerator {

    private TrainerGenerator() {
    }

    /**
     * @throws IllegalArgumentException with a message for the user when the model cannot be
     *                                  trained (a sliding-window model, a loss without its head)
     */
    public static GeneratedFile generate(Network network, String packageName) {
        return generate(network, packageName, TrainerOptions.defaults());
    }

    /** False for a sliding-window model ({@code slide … over}), which is inference-only. */
    public static boolean isTrainable(Network network) {
        return network.weightsFrom().isEmpty();
    }

    public static GeneratedFile generate(Network network, String packageName, TrainerOptions options) {
        return new TrainerWriter(TrainingPlan.lower(network), packageName, options).write();
    }
}
