package cnn.runtime.train;

/**
 * What a run is about to do, told to the {@link ProgressListener} before the first step.
 *
 * @param model           the model's name
 * @param trainSamples    samples in the training data
 * @param validationSamples samples in the validation data (0 for none)
 * @param batch           samples per step
 * @param batchesPerEpoch steps in a full epoch
 * @param epochs          epochs in the whole run
 * @param start           where this call starts (not the beginning when resuming)
 * @param totalSteps      the step count the run will have reached at its end
 */
public record FitPlan(String model, int trainSamples, int validationSamples, int batch, int batchesPerEpoch,
                      int epochs, Position start, long totalSteps) {

    /** Steps this call plans to take. */
    public long stepsThisRun() {
        return totalSteps - start.step();
    }
}
