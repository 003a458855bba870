package cnn.runtime.detect;

/** A labelled box: the truth detections are scored against, and what YOLO targets are made from. */
public record GroundTruth(Box box, int classId) {
    public GroundTruth {
        if (classId < 0) {
            throw new IllegalArgumentException("ground-truth box " + box + " has class " + classId
                    + "; classes count from 0");
        }
    }
}
