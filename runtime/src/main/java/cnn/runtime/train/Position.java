package cnn.runtime.train;

/**
 * How far a run has got: {@code epoch} (from 0) is the epoch in progress or about to start,
 * {@code batch} the batches of it already trained, {@code step} the optimizer steps since the
 * run began. A checkpoint at the end of epoch 0 is at {@code (1, 0, batchesPerEpoch)}.
 */
public record Position(int epoch, int batch, long step) {

    public static final Position START = new Position(0, 0, 0);

    public Position {
        if (epoch < 0 || batch < 0 || step < 0) {
            throw new IllegalArgumentException("a training position needs epoch, batch and step >= 0, got "
                    + epoch + ", " + batch + ", " + step);
        }
    }

    /** True at the very beginning of training. */
    public boolean isStart() {
        return epoch == 0 && batch == 0 && step == 0;
    }
}
