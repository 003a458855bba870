package cnn.runtime.train;

/**
 * What a {@link ProgressListener} hears after each optimizer step.
 *
 * @param epoch           the epoch in progress, from 0
 * @param epochs          epochs planned
 * @param batch           batches of this epoch done, this one included (from 1)
 * @param batches         batches in an epoch
 * @param step            optimizer steps done since the run began, this one included
 * @param totalSteps      steps the run plans (epochs · batches, or fewer under a step limit)
 * @param loss            this batch's mean loss
 * @param epochLoss       the mean loss over this epoch's samples so far
 * @param epochAccuracy   the training accuracy over this epoch so far; NaN without class labels
 * @param imagesPerSecond this epoch's throughput so far, data loading included
 * @param etaSeconds      estimated seconds until the last planned step
 * @param learningRate    the rate this step used
 */
public record StepProgress(int epoch, int epochs, int batch, int batches, long step, long totalSteps, double loss,
                           double epochLoss, double epochAccuracy, double imagesPerSecond, double etaSeconds,
                           double learningRate) {
}
