package cnn.runtime.train;

/** Why {@link Fit} returned. */
public enum StopReason {
    /** Every planned epoch ran. */
    COMPLETED,
    /** The step limit ({@link FitOptions#maxSteps()}) was reached. */
    STEP_LIMIT,
    /** The loss stopped being a finite number; the weights since the last checkpoint are not to be trusted. */
    NON_FINITE_LOSS
}
