package cnn.runtime.train;

/**
 * The targets of a batch: integer class labels (one per sample) or float values shaped like
 * the trained output (one-hot or soft labels, regression targets, encoded head targets such
 * as {@link cnn.runtime.loss.YoloTargets}), {@code n} samples one after another.
 */
public sealed interface Targets {

    /** One class index per sample, for a cross-entropy loss. */
    record Labels(int[] labels) implements Targets {
        public Labels {
            if (labels == null) {
                throw new IllegalArgumentException("labels must not be null");
            }
        }
    }

    /** {@link TrainableModel#outputSize()} floats per sample, batch outermost. */
    record Values(float[] values) implements Targets {
        public Values {
            if (values == null) {
                throw new IllegalArgumentException("target values must not be null");
            }
        }
    }

    static Targets labels(int[] labels) {
        return new Labels(labels);
    }

    static Targets values(float[] values) {
        return new Values(values);
    }
}
