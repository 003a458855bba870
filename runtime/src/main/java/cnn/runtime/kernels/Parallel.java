package cnn.runtime.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed pool of worker threads that splits a range {@code [0, n)} into contiguous chunks.
 * Chunk {@code k} of {@code c} is {@code [k·n/c, (k+1)·n/c)}, so the split depends only on
 * {@code n} and the thread count, never on timing; the caller runs chunk 0 itself.
 *
 * <p>{@link #forShares} instead hands out independent shares one at a time to whichever thread
 * asks first, the caller included, and waits only for shares a thread has started: on a machine
 * that runs other work, a worker that is woken late no longer holds every layer up.
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
    /** {@link #forShares}: the call's generation (high 32 bits) and the next unclaimed share (low 32 bits). */
    private final AtomicLong claims = new AtomicLong();
    /** {@link #forShares}: shares finished in the current call. */
    private final AtomicInteger sharesDone = new AtomicInteger();
    private int generation;
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
                    workers[k - 1].awaitIdle();
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
            rethrowFailure();
        }
    }

    /**
     * Runs {@code task.run(k, k + 1)} once for every share {@code k} in {@code [0, shares)}, the
     * shares claimed one by one by the caller and the woken workers, and returns when all are
     * done. Which thread runs a share depends on timing, so each share must write only its own
     * outputs and compute them the same way wherever it runs; then the result does not depend
     * on the threads at all.
     */
    public void forShares(int shares, RangeTask task) {
        if (shares <= 0) {
            return;
        }
        Thread me = Thread.currentThread();
        if (workers.length == 0 || shares == 1 || (me instanceof Worker w && w.pool == this) || dispatcher == me) {
            task.run(0, shares);
            return;
        }
        synchronized (this) {
            dispatcher = me;
            failure = null;
            sharesDone.set(0);
            long gen = ++generation;
            // publishes the new generation: a worker still holding an older one claims nothing from it
            claims.set(gen << 32);
            try {
                for (int k = 0; k < Math.min(workers.length, shares - 1); k++) {
                    // a worker that has not yet woken for an earlier call sits this one out
                    if (workers[k].idle()) {
                        workers[k].assignShares(task, gen, shares);
                    }
                }
                claimShares(task, gen, shares);
                while (sharesDone.get() != shares) {
                    LockSupport.park(this);
                }
            } finally {
                dispatcher = null;
            }
            rethrowFailure();
        }
    }

    /** Claims and runs shares of generation {@code gen} until none is left. */
    private void claimShares(RangeTask task, long gen, int shares) {
        while (true) {
            long v = claims.get();
            int k = (int) v;
            if (v >>> 32 != gen || k >= shares) {
                return;
            }
            if (!claims.compareAndSet(v, v + 1)) {
                continue;
            }
            try {
                task.run(k, k + 1);
            } catch (RuntimeException | Error e) {
                recordFailure(e);
            }
            if (sharesDone.incrementAndGet() == shares) {
                Thread d = dispatcher;
                if (d != null && d != Thread.currentThread()) {
                    LockSupport.unpark(d);
                }
            }
        }
    }

    /** Throws, on the caller's thread, what a share threw on any thread (the first, if several did). */
    private void rethrowFailure() {
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
        /** For {@link Parallel#forShares}: the generation to claim from (0 for a fixed chunk). */
        private long gen;
        /** Incremented by the dispatcher after it fills the slot; the volatile write publishes it. */
        private volatile int ticket;
        /** The ticket whose slot the worker has read; the slot may be filled again once it equals {@link #ticket}. */
        private volatile int taken;

        Worker(Parallel pool, int index) {
            super("cnn-worker-" + index);
            this.pool = pool;
            setDaemon(true);
        }

        boolean idle() {
            return taken == ticket;
        }

        /** Waits for the worker to read its last assignment (it has been woken; it only needs the CPU). */
        void awaitIdle() {
            while (taken != ticket) {
                Thread.onSpinWait();
                Thread.yield();
            }
        }

        void assign(RangeTask t, int f, int e) {
            task = t;
            from = f;
            to = e;
            gen = 0;
            ticket = ticket + 1;
            LockSupport.unpark(this);
        }

        void assignShares(RangeTask t, long generation, int shares) {
            task = t;
            from = 0;
            to = shares;
            gen = generation;
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
                int mine = ticket;
                RangeTask t = task;
                long g = gen;
                int start = from;
                int end = to;
                taken = mine;
                done = mine;
                if (g != 0) {
                    // shares: nothing to report but the shares themselves; the caller may be gone already
                    pool.claimShares(t, g, end);
                    continue;
                }
                try {
                    t.run(start, end);
                } catch (Throwable e) {
                    pool.recordFailure(e);
                }
                pool.finished();
            }
        }
    }
}
