package cnn.runtime.data;

import java.awt.image.BufferedImage;

/** Pixel work on HWC float images in [0, 1]: decoding, channel conversion and resizing. */
public final class Images {

    private Images() {
    }

    /** The pixels of {@code image} as HWC floats in [0, 1], 1 (gray) or 3 (RGB) channels; alpha is dropped. */
    public static float[] pixels(BufferedImage image, int channels) {
        int h = image.getHeight();
        int w = image.getWidth();
        // Gray images are read from the raster: getRGB would pass them through a colour-space
        // conversion that changes the values.
        boolean gray = image.getColorModel().getNumColorComponents() == 1;
        double grayMax = (1L << image.getColorModel().getComponentSize(0)) - 1;
        float[] out = new float[h * w * channels];
        var raster = image.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * channels;
                float r;
                float g;
                float b;
                if (gray) {
                    r = (float) (raster.getSample(x, y, 0) / grayMax);
                    g = r;
                    b = r;
                } else {
                    int argb = image.getRGB(x, y);
                    r = ((argb >> 16) & 0xff) / 255f;
                    g = ((argb >> 8) & 0xff) / 255f;
                    b = (argb & 0xff) / 255f;
                }
                if (channels == 1) {
                    out[o] = gray ? r : (float) (0.299 * r + 0.587 * g + 0.114 * b);
                } else {
                    out[o] = r;
                    out[o + 1] = g;
                    out[o + 2] = b;
                }
            }
        }
        return out;
    }

    /** Scales an {@code h x w x c} image to {@code outH x outW x c}. */
    public static float[] resize(float[] src, int h, int w, int c, int outH, int outW, Resize mode) {
        float[] out = new float[outH * outW * c];
        if (outH == h && outW == w) {
            System.arraycopy(src, 0, out, 0, out.length);
            return out;
        }
        double sy = (double) h / outH;
        double sx = (double) w / outW;
        for (int y = 0; y < outH; y++) {
            double fy = (y + 0.5) * sy - 0.5; // source coordinate of this pixel's centre
            for (int x = 0; x < outW; x++) {
                double fx = (x + 0.5) * sx - 0.5;
                int o = (y * outW + x) * c;
                if (mode == Resize.NEAREST) {
                    int ny = Math.min(h - 1, (int) Math.floor((y + 0.5) * sy));
                    int nx = Math.min(w - 1, (int) Math.floor((x + 0.5) * sx));
                    System.arraycopy(src, (ny * w + nx) * c, out, o, c);
                } else {
                    double cy = Math.max(0, Math.min(h - 1, fy));
                    double cx = Math.max(0, Math.min(w - 1, fx));
                    int y0 = (int) Math.floor(cy);
                    int x0 = (int) Math.floor(cx);
                    int y1 = Math.min(h - 1, y0 + 1);
                    int x1 = Math.min(w - 1, x0 + 1);
                    double ty = cy - y0;
                    double tx = cx - x0;
                    for (int k = 0; k < c; k++) {
                        double top = src[(y0 * w + x0) * c + k] * (1 - tx) + src[(y0 * w + x1) * c + k] * tx;
                        double bottom = src[(y1 * w + x0) * c + k] * (1 - tx) + src[(y1 * w + x1) * c + k] * tx;
                        out[o + k] = (float) (top * (1 - ty) + bottom * ty);
                    }
                }
            }
        }
        return out;
    }
}
