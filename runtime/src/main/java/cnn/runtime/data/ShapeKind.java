package cnn.runtime.data;

/** The kinds of object in the synthetic {@code shapes} data; the ordinal is the class id. */
public enum ShapeKind {
    CIRCLE(0),
    SQUARE(4),
    TRIANGLE(3);

    private final int corners;

    ShapeKind(int corners) {
        this.corners = corners;
    }

    /** How many corner points (landmarks) the kind has; a circle has none. */
    public int corners() {
        return corners;
    }
}
