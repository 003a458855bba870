package cnn.runtime.data;

/**
 * A mini-batch in reusable arrays: {@link #x()} holds {@link #size()} samples NHWC (the arrays
 * have room for the full batch size; the last batch of an epoch may be smaller), with their
 * labels or float targets and the dataset indices they came from. A batch handed out by
 * {@link BatchLoader.Epoch#next()} stays valid until the next call.
 */
public final class Batch {

    private final float[] x;
    private final int[] labels;
    private final float[] targets;
    private final int[] indices;
    private int size;
    private int number;

    Batch(int capacity, int sampleSize, boolean labelled, int targetSize) {
        this.x = new float[capacity * sampleSize];
        this.labels = labelled ? new int[capacity] : null;
        this.targets = targetSize > 0 ? new float[capacity * targetSize] : null;
        this.indices = new int[capacity];
    }

    public float[] x() {
        return x;
    }

    /** Class labels, or {@code null} when the dataset has float targets. */
    public int[] labels() {
        return labels;
    }

    /** Float targets ({@code size() · targetSize} used), or {@code null} when the dataset has labels. */
    public float[] targets() {
        return targets;
    }

    /** The dataset index of each sample. */
    public int[] indices() {
        return indices;
    }

    /** Samples in this batch. */
    public int size() {
        return size;
    }

    /** Position of this batch in its epoch, from 0. */
    public int number() {
        return number;
    }

    void set(int size, int number) {
        this.size = size;
        this.number = number;
    }
}
