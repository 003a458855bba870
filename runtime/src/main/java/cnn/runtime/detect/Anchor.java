package cnn.runtime.detect;

/** A YOLO anchor box shape, in input pixels. */
public record Anchor(double width, double height) {
    public Anchor {
        if (!(width > 0) || !(height > 0) || Double.isInfinite(width) || Double.isInfinite(height)) {
            throw new IllegalArgumentException("anchor (" + width + ", " + height + ") must have a finite size above 0");
        }
    }
}
