package cnn.runtime.loss;

/**
 * How the {@code localize} and {@code landmarks} heads score their outputs. Both count every
 * term when the target says an object is present, and only the presence term when it is not.
 */
public enum HeadLossStyle {
    /**
     * Squared error on every value, as the lecture notes' baseline: the presence output is
     * read as a probability directly.
     */
    SQUARED,
    /**
     * The default: the presence output is a logit scored with binary cross-entropy, the class
     * outputs are logits scored with softmax cross-entropy, coordinates with squared error.
     * Decoding ({@code cnn.runtime.detect.HeadOutputs} with {@code logistic}) applies the
     * sigmoid and the softmax.
     */
    LOGISTIC
}
