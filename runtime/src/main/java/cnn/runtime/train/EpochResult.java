package cnn.runtime.train;

import java.util.Map;

/**
 * One epoch of a run, for reports and plots.
 *
 * @param epoch            the epoch number as people count, from 1
 * @param batches          batches trained in it (fewer than an epoch's when a step limit cut it short)
 * @param partial          true when the epoch was cut short by a step limit
 * @param step             optimizer steps since the run began, at the end of the epoch
 * @param trainLoss        mean loss over the epoch's training samples (measured before each update)
 * @param trainAccuracy    training accuracy over the same samples; NaN without class labels
 * @param validation       the validation pass after the epoch, or null without validation data
 * @param learningRate     the rate of the epoch's last step
 * @param trainSeconds     wall time of the training steps, data loading included
 * @param imagesPerSecond  training samples per second of {@code trainSeconds}
 */
public record EpochResult(int epoch, int batches, boolean partial, long step, double trainLoss, double trainAccuracy,
                          Evaluation.Result validation, double learningRate, double trainSeconds,
                          double imagesPerSecond) {

    /** Validation loss, NaN without validation data. */
    public double validationLoss() {
        return validation == null ? Double.NaN : validation.loss();
    }

    /** Validation accuracy, NaN without validation data or class labels. */
    public double validationAccuracy() {
        return validation == null ? Double.NaN : validation.metric(Evaluation.ACCURACY);
    }

    /** Every validation metric by name (empty without validation data). */
    public Map<String, Double> validationMetrics() {
        return validation == null ? Map.of() : validation.metrics();
    }
}
