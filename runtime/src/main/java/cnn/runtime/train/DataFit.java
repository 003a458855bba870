package cnn.runtime.train;

import cnn.runtime.data.Batch;
import cnn.runtime.data.Dataset;
import cnn.runtime.model.ModelInfo;

/** Whether a dataset can feed a model, said in words a user can act on; and a batch's targets. */
final class DataFit {

    private DataFit() {
    }

    /**
     * @param what how the message names the data ("training data", "validation data")
     * @throws IllegalArgumentException when the images or the labels/targets do not fit the model
     */
    static void check(TrainableModel model, Dataset data, String what) {
        ModelInfo info = model.info();
        if (data.height() != info.inputHeight() || data.width() != info.inputWidth()
                || data.channels() != info.inputChannels()) {
            throw new IllegalArgumentException(what + " has " + data.height() + "x" + data.width() + "x"
                    + data.channels() + " images but " + info.name() + " takes " + info.inputHeight() + "x"
                    + info.inputWidth() + "x" + info.inputChannels());
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException(what + " holds no samples");
        }
        if (data.classes() > 0) {
            if (data.classes() > model.outputSize()) {
                throw new IllegalArgumentException(what + " has " + data.classes() + " classes but " + info.name()
                        + " has " + model.outputSize() + " outputs");
            }
        } else if (data.targetSize() != model.outputSize()) {
            throw new IllegalArgumentException(what + " has " + data.targetSize() + " target values per sample but "
                    + info.name() + " has " + model.outputSize() + " outputs");
        }
    }

    /** The batch's labels or float targets as the trainer takes them. */
    static Targets targets(Batch b) {
        return b.labels() != null ? Targets.labels(b.labels()) : Targets.values(b.targets());
    }
}
