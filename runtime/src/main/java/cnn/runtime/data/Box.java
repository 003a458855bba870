package cnn.runtime.data;

/** An axis-aligned box in pixels: top-left corner {@code (x, y)}, width and height. */
public record Box(float x, float y, float w, float h) {

    public float centerX() {
        return x + w / 2;
    }

    public float centerY() {
        return y + h / 2;
    }

    /** Intersection over union with another box (0 when they do not overlap). */
    public float iou(Box o) {
        float ix = Math.max(0, Math.min(x + w, o.x + o.w) - Math.max(x, o.x));
        float iy = Math.max(0, Math.min(y + h, o.y + o.h) - Math.max(y, o.y));
        float inter = ix * iy;
        float union = w * h + o.w * o.h - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
