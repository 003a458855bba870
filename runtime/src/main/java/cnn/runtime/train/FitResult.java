package cnn.runtime.train;

import java.util.List;

/**
 * What a run did.
 *
 * @param history  the epochs trained in this call, in order (the last one partial under a step limit)
 * @param reason   why it stopped
 * @param message  for {@link StopReason#NON_FINITE_LOSS}, one line saying where; empty otherwise
 * @param end      where it stopped; a later run resumes from here
 * @param seconds  wall time of the whole call
 */
public record FitResult(List<EpochResult> history, StopReason reason, String message, Position end, double seconds) {

    public FitResult {
        history = List.copyOf(history);
    }

    /** The last epoch's result, or null when none was trained. */
    public EpochResult last() {
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }
}
