package cnn.runtime.train;

import java.nio.file.Path;

/**
 * Hears a run as it goes: a command line draws a progress bar from it, tests record it. Every
 * method is called on the thread that runs {@link Fit}; none may throw.
 */
public interface ProgressListener {

    ProgressListener NONE = new ProgressListener() {
    };

    default void started(FitPlan plan) {
    }

    default void epochStarted(int epoch, int epochs) {
    }

    default void step(StepProgress progress) {
    }

    /** The epoch's training steps are done and its validation pass begins. */
    default void validating(int epoch) {
    }

    default void epochEnded(EpochResult result) {
    }

    default void checkpointWritten(Path file, Position position) {
    }

    default void finished(FitResult result) {
    }
}
