package cnn.compiler.codegen.training;

import com.palantir.javapoet.ClassName;
import java.util.Optional;

/**
 * How to generate a trainer. The default is what {@code cnnc generate} writes: {@code MTrainer},
 * float, implementing {@code cnn.runtime.train.TrainableModel}. Tests ask for a double trainer
 * (no loss or optimizer: they drive the forward and backward passes themselves), the gradient
 * at the input, and an interface of their own to call it through.
 *
 * @param suffix        appended to the model's name to name the class
 * @param inputGradient also compute the gradient with respect to the network's input
 * @param implement     an extra interface the class declares
 * @param factory       an extra interface its nested {@code Factory} declares, whose one method is
 *                      {@code create(Map<String, float[]> tensors, int maxBatch, Parallel parallel)}
 */
public record TrainerOptions(ElementType type, String suffix, boolean inputGradient, Optional<ClassName> implement,
                             Optional<ClassName> factory) {

    public static TrainerOptions defaults() {
        return new TrainerOptions(ElementType.FLOAT, "Trainer", false, Optional.empty(), Optional.empty());
    }

    /**
     * A double-precision trainer for gradient checks, computing input gradients, declaring
     * {@code probe}, made by a nested {@code Factory} that declares {@code probeFactory}.
     */
    public static TrainerOptions gradientCheck(String suffix, ClassName probe, ClassName probeFactory) {
        return new TrainerOptions(ElementType.DOUBLE, suffix, true, Optional.of(probe), Optional.of(probeFactory));
    }
}
