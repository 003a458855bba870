package cnn.runtime.data;

/** A view of some samples of another dataset, in a given order. */
final class SubsetDataset implements Dataset {

    private final Dataset base;
    private final int[] indices;

    SubsetDataset(Dataset base, int[] indices) {
        for (int i : indices) {
            if (i < 0 || i >= base.size()) {
                throw new IndexOutOfBoundsException("sample " + i + " of " + base.size());
            }
        }
        this.base = base;
        this.indices = indices.clone();
    }

    /** The index in the underlying dataset of this view's sample {@code i}. */
    int baseIndex(int i) {
        return indices[i];
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public int height() {
        return base.height();
    }

    @Override
    public int width() {
        return base.width();
    }

    @Override
    public int channels() {
        return base.channels();
    }

    @Override
    public void copyImage(int index, float[] dst, int offset) {
        base.copyImage(indices[index], dst, offset);
    }

    @Override
    public int classes() {
        return base.classes();
    }

    @Override
    public int label(int index) {
        return base.label(indices[index]);
    }

    @Override
    public int targetSize() {
        return base.targetSize();
    }

    @Override
    public void copyTarget(int index, float[] dst, int offset) {
        base.copyTarget(indices[index], dst, offset);
    }
}
