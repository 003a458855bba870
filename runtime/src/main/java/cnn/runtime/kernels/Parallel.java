package cnn.runtime.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed pool of worker threads that splits a range {@code [0, n)} into contiguous chunks.
 * Chunk {@code k} of {@code c} is {@code [k·n/c, (k+1)·n/c)}, so the split depends only on
 * {@code n} and the thread count, never on timing; the caller runs chunk 0 itself.
 *
 * <p>Dispatch allocates nothing: each worker has a slot that the caller fills before waking it.
 * Calls from different threads are serialised; a call from inside a running task (or from a
 * worker) runs the whole range inline instead of deadlocking.
 */
public final class Parallel {

    /** A piece of work over {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int from, int to);
    }

    private static final Parallel COMMON = new Parallel(defaultThreads());

    private final Worker[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Thread dispatcher;
    private volatile Throwable failure;

    public Parallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(this, i + 1);
            workers[i].start();
        }
    }

    /**
     * The shared pool generated models use: {@code -Dcnn.threads=N} threads, else one per
     * available processor.
     */
    public static Parallel common() {
        return COMMON;
    }

    private static int defaultThreads() {
        String p = System.getProperty("cnn.threads");
        if (p != null) {
            try {
                return Math.max(1, Integer.parseInt(p.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cnn.threads must be a positive integer, got '" + p + "'", e);
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    public int threads() {
        return workers.length + 1;
    }

    /** Runs {@code task} over {@code [0, n)} in at most {@link #threads()} chunks and waits for all of them. */
    public void forRange(int n, RangeTask task) {
        if (n <= 0) {
            return;
        }
        Thread me = Thread.currentThread();
        int chunks = Math.min(n, threads());
        if (chunks == 1 || (me instanceof Worker w && w.pool == this) || dispatcher == me) {
            task.run(0, n);
            return;
        }
        synchronized (this) {
            dispatcher = me;
            failure = null;
            pending.set(chunks - 1);
            try {
                for (int k = 1; k < chunks; k++) {
                    workers[k - 1].assign(task, (int) ((long) k * n / chunks), (int) ((long) (k + 1) * n / chunks));
                }
                try {
                    task.run(0, (int) ((long) n / chunks));
                } catch (RuntimeException | Error e) {
                    recordFailure(e);
                }
                while (pending.get() != 0) {
                    LockSupport.park(this);
                }
            } finally {
                dispatcher = null;
            }
            Throwable t = failure;
            failure = null;
            if (t instanceof RuntimeException r) {
                throw r;
            } else if (t instanceof Error e) {
                throw e;
            } else if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    private void recordFailure(Throwable t) {
        synchronized (pending) {
            if (failure == null) {
                failure = t;
            }
        }
    }

    private void finished() {
        if (pending.decrementAndGet() == 0) {
            LockSupport.unpark(dispatcher);
        }
    }

    private static final class Worker extends Thread {
        final Parallel pool;
        private RangeTask task;
        private int from;
        private int to;
        /** Incremented by the dispatcher after it fills the slot; the volatile write publishes it. */
        private volatile int ticket;

        Worker(Parallel pool, int index) {
            super("cnn-worker-" + index);
            this.pool = pool;
            setDaemon(true);
        }

        void assign(RangeTask t, int f, int e) {
            task = t;
            from = f;
            to = e;
            ticket = ticket + 1;
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            int done = 0;
            while (true) {
                while (ticket == done) {
                    LockSupport.park(this);
                }
                done = ticket;
                RangeTask t = task;
                task = null;
                try {
                    t.run(from, to);
                } catch (Throwable e) {
                    pool.recordFailure(e);
                }
                pool.finished();
            }
        }
    }
}
