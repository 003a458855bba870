package cnn.runtime.data;

import cnn.runtime.detect.Box;
import cnn.runtime.detect.GroundTruth;

/**
 * One object in an image: its class, its bounding box in pixels, and its corner points
 * {@code [x1, y1, x2, y2, …]} in pixels (clockwise from the topmost; empty for a circle).
 */
public record Annotation(int label, Box box, float[] corners) {

    public Annotation {
        corners = corners.clone();
    }

    @Override
    public float[] corners() {
        return corners.clone();
    }

    /** The labelled box alone, as detections are scored against and YOLO targets are made from. */
    public GroundTruth truth() {
        return new GroundTruth(box, label);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Annotation a && a.label == label && a.box.equals(box)
                && java.util.Arrays.equals(a.corners, corners);
    }

    @Override
    public String toString() {
        return "Annotation[label=" + label + ", box=" + box + ", corners=" + java.util.Arrays.toString(corners) + "]";
    }

    @Override
    public int hashCode() {
        return (label * 31 + box.hashCode()) * 31 + java.util.Arrays.hashCode(corners);
    }
}
