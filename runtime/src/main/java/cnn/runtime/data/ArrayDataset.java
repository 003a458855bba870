package cnn.runtime.data;

/** Samples held in memory: images as one NHWC float array, with labels or float targets. */
public final class ArrayDataset implements Dataset {

    private final int height;
    private final int width;
    private final int channels;
    private final float[] images;
    private final int[] labels;
    private final int classes;
    private final float[] targets;
    private final int targetSize;
    private final int size;

    private ArrayDataset(int height, int width, int channels, float[] images, int[] labels, int classes,
                         float[] targets, int targetSize) {
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException("sample shape must be positive: " + height + "x" + width + "x" + channels);
        }
        long sample = (long) height * width * channels;
        if (images.length % sample != 0) {
            throw new IllegalArgumentException(images.length + " floats is not a whole number of "
                    + height + "x" + width + "x" + channels + " images");
        }
        this.size = (int) (images.length / sample);
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.images = images;
        this.labels = labels;
        this.classes = classes;
        this.targets = targets;
        this.targetSize = targetSize;
    }

    /** Class-labelled samples; every label must be in [0, classes). */
    public static ArrayDataset labelled(int height, int width, int channels, float[] images, int[] labels, int classes) {
        ArrayDataset d = new ArrayDataset(height, width, channels, images, labels, classes, null, 0);
        if (labels.length != d.size) {
            throw new IllegalArgumentException(d.size + " images but " + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of sample " + i + " is outside [0, "
                        + classes + ")");
            }
        }
        return d;
    }

    /** Samples with {@code targetSize} float targets each. */
    public static ArrayDataset withTargets(int height, int width, int channels, float[] images, float[] targets,
                                           int targetSize) {
        if (targetSize <= 0) {
            throw new IllegalArgumentException("target size must be positive: " + targetSize);
        }
        ArrayDataset d = new ArrayDataset(height, width, channels, images, null, 0, targets, targetSize);
        if ((long) d.size * targetSize != targets.length) {
            throw new IllegalArgumentException(d.size + " images but " + targets.length + " target values (expected "
                    + (long) d.size * targetSize + ")");
        }
        return d;
    }

    @Override
    public int size() {
        return size;
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
        int n = sampleSize();
        System.arraycopy(images, index * n, dst, offset, n);
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public int label(int index) {
        if (labels == null) {
            return Dataset.super.label(index);
        }
        return labels[index];
    }

    @Override
    public int targetSize() {
        return targetSize;
    }

    @Override
    public void copyTarget(int index, float[] dst, int offset) {
        if (targets == null) {
            Dataset.super.copyTarget(index, dst, offset);
        }
        System.arraycopy(targets, index * targetSize, dst, offset, targetSize);
    }
}
