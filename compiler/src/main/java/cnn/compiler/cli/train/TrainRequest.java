package cnn.compiler.cli.train;

import cnn.compiler.resolve.SourceRoots;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code cnnc train}'s arguments; a null field was not given and the model's {@code train {}}
 * section (or its default) applies.
 *
 * @param base            transfer learning: weights files the reused layers start from (empty for none)
 * @param test            data to test on instead of a held-out part of {@code data}, or null
 * @param unfreeze        fine-tuning: how many of the last frozen layers with weights to unfreeze
 * @param finetuneEpochs  fine-tuning epochs after the head's; 0 to fine-tune from the start
 * @param finetuneLrScale the unfrozen layers' share of the rate
 * @param roots           where the file's imports may lead
 */
public record TrainRequest(Path file, String model, String data, Path weights, Integer epochs, Long steps,
                           Integer batch, String optimizer, Double lr, Long seed, Path out, ProgressMode progress,
                           List<Path> base, String test, Integer unfreeze, Integer finetuneEpochs,
                           Double finetuneLrScale, SourceRoots roots) {

    public TrainRequest {
        base = base == null ? List.of() : List.copyOf(base);
    }

    /** Without transfer learning or a separate test set. */
    public TrainRequest(Path file, String model, String data, Path weights, Integer epochs, Long steps,
                        Integer batch, String optimizer, Double lr, Long seed, Path out, ProgressMode progress,
                        SourceRoots roots) {
        this(file, model, data, weights, epochs, steps, batch, optimizer, lr, seed, out, progress, List.of(), null,
                null, null, null, roots);
    }
}
