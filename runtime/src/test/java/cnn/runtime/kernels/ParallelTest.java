package cnn.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void coversTheRangeOnceInFixedContiguousChunks() {
        Parallel pool = new Parallel(3);
        for (int n : new int[] {1, 2, 3, 7, 100}) {
            int[] hits = new int[n];
            ConcurrentHashMap<Integer, Integer> chunkEnds = new ConcurrentHashMap<>();
            for (int round = 0; round < 50; round++) {
                pool.forRange(n, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        hits[i]++;
                    }
                    chunkEnds.merge(from, to, (a, b) -> {
                        assertEquals(a, b, "the chunk starting at " + from + " must always end at the same place");
                        return a;
                    });
                });
            }
            int[] expected = new int[n];
            java.util.Arrays.fill(expected, 50);
            assertArrayEquals(expected, hits, "n = " + n);
            assertEquals(Math.min(n, 3), chunkEnds.size());
        }
    }

    @Test
    void aFailureInAnyChunkReachesTheCaller() {
        Parallel pool = new Parallel(2);
        IllegalStateException boom = new IllegalStateException("boom");
        assertSame(boom, assertThrows(IllegalStateException.class, () -> pool.forRange(10, (from, to) -> {
            if (from > 0) {
                throw boom;
            }
        })));
        AtomicInteger after = new AtomicInteger();
        pool.forRange(10, (from, to) -> after.addAndGet(to - from));
        assertEquals(10, after.get(), "the pool still works after a failure");
    }

    @Test
    void nestedCallsRunInline() {
        Parallel pool = new Parallel(2);
        AtomicInteger total = new AtomicInteger();
        pool.forRange(4, (from, to) -> pool.forRange(5, (a, b) -> total.addAndGet(b - a)));
        assertEquals(10, total.get(), "each of the two chunks runs all five inner items");
    }

    @Test
    void callersFromSeveralThreadsAreServedOneAtATime() throws InterruptedException {
        Parallel pool = new Parallel(2);
        AtomicInteger sum = new AtomicInteger();
        Thread[] callers = new Thread[4];
        for (int t = 0; t < callers.length; t++) {
            callers[t] = new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    pool.forRange(8, (from, to) -> sum.addAndGet(to - from));
                }
            });
            callers[t].start();
        }
        for (Thread t : callers) {
            t.join();
        }
        assertEquals(4 * 200 * 8, sum.get());
    }

    @Test
    void everyShareRunsExactlyOnceOverManyQuickCalls() {
        Parallel pool = new Parallel(3);
        int[] runs = new int[16];
        for (int call = 0; call < 20_000; call++) {
            pool.forShares(16, (from, to) -> {
                for (int k = from; k < to; k++) {
                    runs[k]++;
                }
            });
        }
        for (int k = 0; k < 16; k++) {
            assertEquals(20_000, runs[k], "share " + k);
        }
    }

    @Test
    void aFailureInAnyShareReachesTheCallerAndThePoolGoesOn() {
        Parallel pool = new Parallel(2);
        IllegalStateException boom = new IllegalStateException("boom");
        assertSame(boom, assertThrows(IllegalStateException.class, () -> pool.forShares(8, (from, to) -> {
            if (from == 5) {
                throw boom;
            }
        })));
        AtomicInteger after = new AtomicInteger();
        pool.forShares(8, (from, to) -> after.addAndGet(to - from));
        pool.forRange(8, (from, to) -> after.addAndGet(to - from));
        assertEquals(16, after.get());
    }

    @Test
    void sharesInsideARangeTaskRunInline() {
        Parallel pool = new Parallel(2);
        AtomicInteger total = new AtomicInteger();
        pool.forRange(4, (from, to) -> {
            for (int i = from; i < to; i++) {
                pool.forShares(5, (a, b) -> total.addAndGet(b - a));
            }
        });
        assertEquals(4 * 5, total.get());
    }
}
