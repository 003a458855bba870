package cnn.runtime.detect;

/** A predicted box with its class and confidence score. */
public record Detection(Box box, int classId, double score) {
}
