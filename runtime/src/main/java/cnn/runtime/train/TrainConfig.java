package cnn.runtime.train;

import cnn.runtime.optim.Schedule;

import java.util.List;

/**
 * A model's {@code train {}} section as the generated trainer was built with it (SPEC §1.5);
 * command-line flags override it in the loop.
 *
 * @param loss      the loss name: {@code cross_entropy}, {@code mse}, {@code bce},
 *                  {@code localization}, {@code landmarks} or {@code yolo}
 * @param optimizer {@code sgd} or {@code adam}
 * @param momentum  SGD momentum (0 for Adam)
 * @param beta1     Adam's first beta (0 for SGD)
 * @param beta2     Adam's second beta (0 for SGD)
 * @param augment   the augmentations as written in the source, e.g. {@code flip(horizontal)},
 *                  {@code rotate(15)}, {@code crop(4)}, {@code brightness(0.1)}
 */
public record TrainConfig(String loss, String optimizer, double lr, double momentum, double weightDecay,
                          boolean nesterov, double beta1, double beta2, Schedule schedule, int batch, int epochs,
                          List<String> augment, long seed) {

    public TrainConfig {
        augment = List.copyOf(augment);
        if (batch < 1 || epochs < 1) {
            throw new IllegalArgumentException("batch " + batch + " and epochs " + epochs + " must be at least 1");
        }
    }
}
