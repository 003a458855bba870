package cnn.runtime.detect;

/**
 * An axis-aligned box in pixels, kept in corner form: left {@code x1}, top {@code y1}, right
 * {@code x2}, bottom {@code y2}, with x to the right and y down. Coordinates are continuous (a
 * box from 0 to 10 is 10 wide; there is no VOC-style "+1 pixel").
 */
public record Box(double x1, double y1, double x2, double y2) {

    public Box {
        if (!(x2 >= x1) || !(y2 >= y1)) {
            throw new IllegalArgumentException("box (" + x1 + ", " + y1 + ")–(" + x2 + ", " + y2
                    + ") has its right or bottom edge before its left or top edge");
        }
    }

    public static Box corners(double x1, double y1, double x2, double y2) {
        return new Box(x1, y1, x2, y2);
    }

    /** The box centred on (cx, cy) with the given width and height. */
    public static Box centre(double cx, double cy, double width, double height) {
        if (!(width >= 0) || !(height >= 0)) {
            throw new IllegalArgumentException("box centred on (" + cx + ", " + cy + ") has size " + width + " x "
                    + height + "; sizes must not be negative");
        }
        return new Box(cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2);
    }

    public double width() {
        return x2 - x1;
    }

    public double height() {
        return y2 - y1;
    }

    public double centreX() {
        return (x1 + x2) / 2;
    }

    public double centreY() {
        return (y1 + y2) / 2;
    }

    public double area() {
        return width() * height();
    }

    public double intersection(Box o) {
        double w = Math.min(x2, o.x2) - Math.max(x1, o.x1);
        double h = Math.min(y2, o.y2) - Math.max(y1, o.y1);
        return w > 0 && h > 0 ? w * h : 0;
    }

    /** Intersection over union, in [0, 1]; 0 when both boxes are empty. */
    public double iou(Box o) {
        double inter = intersection(o);
        double union = area() + o.area() - inter;
        return union > 0 ? inter / union : 0;
    }

    /**
     * The IoU of two boxes of these sizes placed on the same centre: how well an anchor's
     * shape fits a box, whatever their positions.
     */
    public static double shapeIou(double w1, double h1, double w2, double h2) {
        double inter = Math.min(w1, w2) * Math.min(h1, h2);
        double union = w1 * h1 + w2 * h2 - inter;
        return union > 0 ? inter / union : 0;
    }
}
