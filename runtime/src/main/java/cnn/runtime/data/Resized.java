package cnn.runtime.data;

/**
 * A view of a dataset at another image size and channel count, converted on demand (on the
 * batch loader's thread): resized with {@link Images#resize}, gray repeated to RGB or RGB
 * reduced to gray by BT.601 luma.
 */
final class Resized implements Dataset {

    private final Dataset base;
    private final int height;
    private final int width;
    private final int channels;
    private final Resize mode;
    private final ThreadLocal<float[]> source;

    Resized(Dataset base, int height, int width, int channels, Resize mode) {
        boolean grayRgb = (base.channels() == 1 && channels == 3) || (base.channels() == 3 && channels == 1);
        if (base.channels() != channels && !grayRgb) {
            throw new IllegalArgumentException("cannot convert images of " + base.channels() + " channels to "
                    + channels + " (only gray to RGB and back)");
        }
        this.base = base;
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.mode = mode;
        this.source = ThreadLocal.withInitial(() -> new float[base.sampleSize()]);
    }

    @Override
    public int size() {
        return base.size();
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public void copyImage(int index, float[] dst, int offset) {
        float[] src = source.get();
        base.copyImage(index, src, 0);
        int c = base.channels();
        float[] converted = src;
        if (c != channels) {
            int pixels = base.height() * base.width();
            converted = new float[pixels * channels];
            for (int p = 0; p < pixels; p++) {
                if (channels == 1) {
                    converted[p] = (float) (0.299 * src[p * 3] + 0.587 * src[p * 3 + 1] + 0.114 * src[p * 3 + 2]);
                } else {
                    converted[p * 3] = src[p];
                    converted[p * 3 + 1] = src[p];
                    converted[p * 3 + 2] = src[p];
                }
            }
        }
        float[] out = Images.resize(converted, base.height(), base.width(), channels, height, width, mode);
        System.arraycopy(out, 0, dst, offset, out.length);
    }

    @Override
    public int classes() {
        return base.classes();
    }

    @Override
    public int label(int index) {
        return base.label(index);
    }

    @Override
    public int targetSize() {
        return base.targetSize();
    }

    @Override
    public void copyTarget(int index, float[] dst, int offset) {
        base.copyTarget(index, dst, offset);
    }
}
