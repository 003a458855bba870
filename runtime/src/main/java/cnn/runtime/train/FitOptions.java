package cnn.runtime.train;

import cnn.runtime.data.Augmentation;
import cnn.runtime.optim.Schedule;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How {@link Fit} runs: usually {@link #from(TrainConfig)} (the model's {@code train {}}
 * section) with a few values replaced, as {@code cnnc train}'s flags do.
 *
 * @param epochs     epochs in the whole run; a resumed run trains the ones its checkpoint has not done
 * @param maxSteps   stop after this many optimizer steps in this call; 0 for no limit
 * @param batch      samples per step, at most the trainer's {@link TrainableModel#maxBatch()}
 * @param lr         the base learning rate, which the schedule scales
 * @param seed       fixes the batch order, the augmentation and the dropout masks
 * @param prefetch   batches loaded ahead on a background thread
 * @param checkpoint where a checkpoint is written after every epoch (and when a step limit stops
 *                   the run), atomically; empty for none
 * @param start      where the run starts, e.g. a checkpoint's {@link Checkpoint#position()}
 */
public record FitOptions(int epochs, long maxSteps, int batch, double lr, Schedule schedule, long seed,
                         List<Augmentation> augment, int prefetch, Optional<Path> checkpoint, Position start) {

    public FitOptions {
        augment = List.copyOf(augment);
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (maxSteps < 0) {
            throw new IllegalArgumentException("the step limit must not be negative, got " + maxSteps);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + batch);
        }
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("the learning rate must be a finite number >= 0, got " + lr);
        }
        if (prefetch < 0) {
            throw new IllegalArgumentException("prefetch must not be negative, got " + prefetch);
        }
    }

    /** The model's own settings: its epochs, batch, rate, schedule, seed and augmentation. */
    public static FitOptions from(TrainConfig c) {
        return new FitOptions(c.epochs(), 0, c.batch(), c.lr(), c.schedule(), c.seed(),
                Augmentations.parse(c.augment()), 2, Optional.empty(), Position.START);
    }

    public FitOptions withEpochs(int value) {
        return new FitOptions(value, maxSteps, batch, lr, schedule, seed, augment, prefetch, checkpoint, start);
    }

    public FitOptions withMaxSteps(long value) {
        return new FitOptions(epochs, value, batch, lr, schedule, seed, augment, prefetch, checkpoint, start);
    }

    public FitOptions withBatch(int value) {
        return new FitOptions(epochs, maxSteps, value, lr, schedule, seed, augment, prefetch, checkpoint, start);
    }

    public FitOptions withLr(double value) {
        return new FitOptions(epochs, maxSteps, batch, value, schedule, seed, augment, prefetch, checkpoint, start);
    }

    public FitOptions withSchedule(Schedule value) {
        return new FitOptions(epochs, maxSteps, batch, lr, value, seed, augment, prefetch, checkpoint, start);
    }

    public FitOptions withSeed(long value) {
        return new FitOptions(epochs, maxSteps, batch, lr, schedule, value, augment, prefetch, checkpoint, start);
    }

    public FitOptions withAugment(List<Augmentation> value) {
        return new FitOptions(epochs, maxSteps, batch, lr, schedule, seed, value, prefetch, checkpoint, start);
    }

    public FitOptions withPrefetch(int value) {
        return new FitOptions(epochs, maxSteps, batch, lr, schedule, seed, augment, value, checkpoint, start);
    }

    public FitOptions withCheckpoint(Path value) {
        return new FitOptions(epochs, maxSteps, batch, lr, schedule, seed, augment, prefetch,
                Optional.ofNullable(value), start);
    }

    public FitOptions withStart(Position value) {
        return new FitOptions(epochs, maxSteps, batch, lr, schedule, seed, augment, prefetch, checkpoint, value);
    }
}
