package cnn.compiler.cli.train;

import java.nio.file.Path;

/**
 * {@code cnnc train}'s arguments; a null field was not given and the model's {@code train {}}
 * section (or its default) applies.
 */
public record TrainRequest(Path file, String model, String data, Path weights, Integer epochs, Long steps,
                           Integer batch, String optimizer, Double lr, Long seed, Path out, ProgressMode progress) {
}
