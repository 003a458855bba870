package cnn.runtime.train;

import cnn.runtime.optim.Schedule;

/**
 * The rate of each step under a schedule. A {@code step(every=N)} schedule counts epochs, as
 * {@code StepLR} stepped once per epoch does in PyTorch; {@code cosine} counts optimizer steps, so
 * the rate falls smoothly across the run and reaches 0 after its last planned step.
 */
public final class LearningRates {

    private LearningRates() {
    }

    /**
     * @param epoch      the epoch in progress, from 0
     * @param epochs     epochs planned
     * @param step       optimizer steps done before this one
     * @param totalSteps optimizer steps planned
     */
    public static double at(Schedule schedule, double baseLr, int epoch, int epochs, long step, long totalSteps) {
        if (schedule instanceof Schedule.Cosine) {
            return schedule.lr(baseLr, step, Math.max(1, totalSteps));
        }
        return schedule.lr(baseLr, epoch, Math.max(1, epochs));
    }
}
