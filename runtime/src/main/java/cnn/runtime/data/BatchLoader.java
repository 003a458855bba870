package cnn.runtime.data;

import cnn.runtime.init.Rng;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Cuts a dataset into shuffled, seeded mini-batches, augmenting each sample, on a background
 * thread that prepares up to {@code prefetch} batches ahead in a bounded set of reusable
 * buffers, so a training step rarely waits for data. The order and the augmentation of epoch
 * {@code e} depend only on (seed, e), so a resumed run sees the same batches as an unbroken
 * one, and the result does not depend on {@code prefetch} (0 loads on the caller's thread).
 */
public final class BatchLoader {

    private final Dataset data;
    private final int batchSize;
    private final long seed;
    private final List<Augmentation> augment;
    private final boolean shuffle;
    private final boolean dropLast;
    private final int prefetch;

    public BatchLoader(Dataset data, int batchSize, long seed, List<Augmentation> augment) {
        this(data, batchSize, seed, augment, true, false, 2);
    }

    private BatchLoader(Dataset data, int batchSize, long seed, List<Augmentation> augment, boolean shuffle,
                        boolean dropLast, int prefetch) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1: " + batchSize);
        }
        if (prefetch < 0) {
            throw new IllegalArgumentException("prefetch must not be negative: " + prefetch);
        }
        if (data.classes() == 0) {
            for (Augmentation a : augment) {
                if (a.geometric()) {
                    throw new IllegalArgumentException("augmentation " + a + " moves pixels, which would break the "
                            + "positions in this dataset's targets; only brightness works without class labels");
                }
            }
        }
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
        this.augment = List.copyOf(augment);
        this.shuffle = shuffle;
        this.dropLast = dropLast;
        this.prefetch = prefetch;
    }

    /** In order instead of shuffled (evaluation). */
    public BatchLoader withShuffle(boolean on) {
        return new BatchLoader(data, batchSize, seed, augment, on, dropLast, prefetch);
    }

    /** Leave out a last batch smaller than the batch size. */
    public BatchLoader withDropLast(boolean on) {
        return new BatchLoader(data, batchSize, seed, augment, shuffle, on, prefetch);
    }

    /** Batches prepared ahead on the background thread; 0 prepares each on the caller's thread. */
    public BatchLoader withPrefetch(int batches) {
        return new BatchLoader(data, batchSize, seed, augment, shuffle, dropLast, batches);
    }

    public Dataset data() {
        return data;
    }

    public int batchSize() {
        return batchSize;
    }

    public int batchesPerEpoch() {
        int n = data.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** Starts epoch {@code epoch} (from 0); close it when done, even when stopping early. */
    public Epoch epoch(int epoch) {
        return new Epoch(epoch);
    }

    /** The batches of one epoch. */
    public final class Epoch implements AutoCloseable {

        /** End of the epoch, or the failure that ended it. */
        private record Signal(Throwable error) {
        }

        private final int[] order;
        private final Rng augmentRng;
        private final float[] scratch;
        private final int batches;
        private final BlockingQueue<Batch> free;
        private final BlockingQueue<Object> full;
        private final Thread worker;
        private Batch current;
        private int produced;
        private boolean finished;

        private Epoch(int epoch) {
            int n = data.size();
            order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            if (shuffle) {
                Rng.stream(seed, "batches/order/" + epoch).shuffle(order);
            }
            augmentRng = Rng.stream(seed, "batches/augment/" + epoch);
            scratch = new float[data.sampleSize()];
            batches = batchesPerEpoch();
            int buffers = Math.max(1, Math.min(prefetch + 1, batches));
            free = new ArrayBlockingQueue<>(buffers);
            for (int i = 0; i < buffers; i++) {
                free.add(new Batch(batchSize, data.sampleSize(), data.classes() > 0, data.targetSize()));
            }
            full = new ArrayBlockingQueue<>(buffers + 1);
            if (prefetch > 0) {
                worker = new Thread(this::produce, "cnn-batch-loader-epoch-" + epoch);
                worker.setDaemon(true);
                worker.start();
            } else {
                worker = null;
            }
        }

        public int batches() {
            return batches;
        }

        /**
         * The next batch, or {@code null} after the last one. Returning hands the previous batch's
         * buffers back for reuse.
         *
         * @throws DataLoaderException if loading failed (the dataset or an augmentation threw)
         */
        public Batch next() {
            if (current != null) {
                free.add(current);
                current = null;
            }
            if (finished) {
                return null;
            }
            if (worker == null) {
                if (produced == batches) {
                    finished = true;
                    return null;
                }
                Batch b = free.remove();
                try {
                    fill(b, produced++);
                } catch (RuntimeException e) {
                    finished = true;
                    throw new DataLoaderException("loading batch " + (produced - 1) + " failed: " + e, e);
                }
                current = b;
                return b;
            }
            Object o;
            try {
                o = full.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new DataLoaderException("interrupted while waiting for a batch", e);
            }
            if (o instanceof Signal s) {
                finished = true;
                if (s.error() != null) {
                    throw new DataLoaderException("loading a batch failed: " + s.error(), s.error());
                }
                return null;
            }
            current = (Batch) o;
            return current;
        }

        /** Stops the background thread and waits for it; safe to call more than once. */
        @Override
        public void close() {
            finished = true;
            if (worker != null && worker.isAlive()) {
                worker.interrupt();
                boolean interrupted = false;
                while (worker.isAlive()) {
                    try {
                        worker.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Whether the background thread is still running (for tests of shutdown). */
        boolean workerAlive() {
            return worker != null && worker.isAlive();
        }

        private void produce() {
            try {
                for (int b = 0; b < batches; b++) {
                    Batch buffer = free.take();
                    fill(buffer, b);
                    full.put(buffer);
                }
                full.put(new Signal(null));
            } catch (InterruptedException e) {
                // closed: stop quietly
            } catch (Throwable t) {
                // Hand the failure to the consumer; there is always room (see the queue size).
                full.offer(new Signal(t));
            }
        }

        private void fill(Batch batch, int number) {
            int start = number * batchSize;
            int n = Math.min(batchSize, data.size() - start);
            int s = data.sampleSize();
            int t = data.targetSize();
            for (int j = 0; j < n; j++) {
                int index = order[start + j];
                batch.indices()[j] = index;
                data.copyImage(index, batch.x(), j * s);
                for (Augmentation a : augment) {
                    a.apply(batch.x(), j * s, data.height(), data.width(), data.channels(), augmentRng, scratch);
                }
                if (batch.labels() != null) {
                    batch.labels()[j] = data.label(index);
                }
                if (t > 0) {
                    data.copyTarget(index, batch.targets(), j * t);
                }
            }
            batch.set(n, number);
        }
    }
}
