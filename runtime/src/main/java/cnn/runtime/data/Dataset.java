package cnn.runtime.data;

/**
 * A fixed, indexable set of samples: {@code H x W x C} float32 images (HWC order, one sample is
 * {@link #sampleSize()} floats) with either a class label ({@link #classes()} &gt; 0) or a vector
 * of {@link #targetSize()} float targets (regression, localisation, landmarks). Implementations
 * must allow {@code copyImage}/{@code copyTarget} from one background thread while the caller
 * thread does other work (they are read-only after construction).
 */
public interface Dataset {

    int size();

    int height();

    int width();

    int channels();

    default int sampleSize() {
        return height() * width() * channels();
    }

    /** Copies sample {@code index} (HWC) into {@code dst} at {@code offset}. */
    void copyImage(int index, float[] dst, int offset);

    /** Number of classes when samples carry class labels; 0 when they carry float targets. */
    int classes();

    /** The class of sample {@code index}, in [0, classes()); only when {@link #classes()} &gt; 0. */
    default int label(int index) {
        throw new UnsupportedOperationException("this dataset has float targets, not class labels");
    }

    /** Floats per sample target; 0 when samples carry class labels. */
    default int targetSize() {
        return 0;
    }

    /** Copies the target of sample {@code index} into {@code dst} at {@code offset}; only when {@link #targetSize()} &gt; 0. */
    default void copyTarget(int index, float[] dst, int offset) {
        throw new UnsupportedOperationException("this dataset has class labels, not float targets");
    }

    /** The samples at {@code indices}, in that order (a view, nothing is copied). */
    default Dataset subset(int[] indices) {
        return new SubsetDataset(this, indices);
    }
}
