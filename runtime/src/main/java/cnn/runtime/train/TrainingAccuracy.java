package cnn.runtime.train;

import cnn.runtime.data.Batch;
import cnn.runtime.metrics.Accuracy;

/**
 * The training accuracy of an epoch, counted from the outputs of the training steps when the
 * trainer offers them ({@link StepOutputs}), and otherwise from an inference pass over one
 * batch in {@link #SAMPLE_EVERY} before its step (a few per cent of the epoch's work).
 */
final class TrainingAccuracy {

    /** Without {@link StepOutputs}, one batch in this many is measured. */
    static final int SAMPLE_EVERY = 10;

    private final TrainableModel model;
    private final boolean labelled;
    private final StepOutputs outputs;
    private final float[] sample;
    private long correct;
    private long total;

    TrainingAccuracy(TrainableModel model, boolean labelled, int batch) {
        this.model = model;
        this.labelled = labelled;
        this.outputs = model instanceof StepOutputs s ? s : null;
        this.sample = labelled && outputs == null ? new float[batch * model.info().outputSize(0)] : null;
    }

    void reset() {
        correct = 0;
        total = 0;
    }

    /** Call before the batch's step: the sampled inference pass sees the weights the step's loss sees. */
    void beforeStep(Batch b) {
        if (sample != null && b.number() % SAMPLE_EVERY == 0) {
            model.forward(b.x(), b.size(), sample);
            count(sample, model.info().outputSize(0), b);
        }
    }

    void afterStep(Batch b) {
        if (labelled && outputs != null) {
            count(outputs.stepOutputs(), model.outputSize(), b);
        }
    }

    /** NaN without class labels or before anything was counted. */
    double value() {
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    private void count(float[] out, int size, Batch b) {
        int[] labels = b.labels();
        for (int s = 0; s < b.size(); s++) {
            if (Accuracy.argmax(out, s * size, size) == labels[s]) {
                correct++;
            }
        }
        total += b.size();
    }
}
