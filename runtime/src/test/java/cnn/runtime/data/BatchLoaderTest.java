package cnn.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchLoaderTest {

    /** n samples of 2x2x1 whose pixels all equal the sample index; label = index % 3. */
    static ArrayDataset numbered(int n) {
        float[] x = new float[n * 4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(x, i * 4, i * 4 + 4, i);
            y[i] = i % 3;
        }
        return ArrayDataset.labelled(2, 2, 1, x, y, 3);
    }

    /** Every batch of one epoch as the list of sample indices read back from the pixels. */
    static List<int[]> epoch(BatchLoader loader, int e) {
        List<int[]> out = new ArrayList<>();
        try (BatchLoader.Epoch ep = loader.epoch(e)) {
            for (Batch b = ep.next(); b != null; b = ep.next()) {
                int[] ids = new int[b.size()];
                for (int j = 0; j < b.size(); j++) {
                    ids[j] = (int) b.x()[j * 4];
                    assertEquals(ids[j], b.indices()[j]);
                    assertEquals(ids[j] % 3, b.labels()[j]);
                    for (int k = 1; k < 4; k++) {
                        assertEquals(ids[j], b.x()[j * 4 + k]); // whole sample copied
                    }
                }
                out.add(ids);
            }
        }
        return out;
    }

    @Test
    void everySampleOnceAPartialLastBatchAndAFreshOrderEachEpoch() {
        BatchLoader loader = new BatchLoader(numbered(10), 4, 7, List.of());
        assertEquals(3, loader.batchesPerEpoch());
        List<int[]> e0 = epoch(loader, 0);
        assertEquals(List.of(4, 4, 2), e0.stream().map(a -> a.length).toList());
        int[] all = e0.stream().flatMapToInt(Arrays::stream).sorted().toArray();
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, all);
        int[] order0 = e0.stream().flatMapToInt(Arrays::stream).toArray();
        int[] order1 = epoch(loader, 1).stream().flatMapToInt(Arrays::stream).toArray();
        assertFalse(Arrays.equals(order0, order1));
        assertFalse(Arrays.equals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, order0));
        // Same seed and epoch: same order, whichever loader and whenever.
        assertArrayEquals(order1,
                epoch(new BatchLoader(numbered(10), 4, 7, List.of()), 1).stream().flatMapToInt(Arrays::stream).toArray());
    }

    @Test
    void dropLastAndNoShuffle() {
        BatchLoader loader = new BatchLoader(numbered(10), 4, 7, List.of()).withDropLast(true).withShuffle(false);
        assertEquals(2, loader.batchesPerEpoch());
        List<int[]> e = epoch(loader, 0);
        assertArrayEquals(new int[] {0, 1, 2, 3}, e.get(0));
        assertArrayEquals(new int[] {4, 5, 6, 7}, e.get(1));
    }

    @Test
    void prefetchDoesNotChangeTheBatchesEvenWithAugmentation() {
        float[] x = new float[20 * 9];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        ArrayDataset data = ArrayDataset.labelled(3, 3, 1, x, new int[20], 1);
        List<Augmentation> aug = List.of(new Augmentation.Flip(true, true), new Augmentation.Rotate(30),
                new Augmentation.Crop(1), new Augmentation.Brightness(0.3));
        List<float[]> sync = batches(new BatchLoader(data, 6, 11, aug).withPrefetch(0), 2);
        List<float[]> async = batches(new BatchLoader(data, 6, 11, aug).withPrefetch(3), 2);
        assertEquals(sync.size(), async.size());
        for (int i = 0; i < sync.size(); i++) {
            assertArrayEquals(sync.get(i), async.get(i));
        }
        assertNotEquals(Arrays.toString(sync.get(0)), Arrays.toString(batches(new BatchLoader(data, 6, 12, aug), 2).get(0)));
    }

    private static List<float[]> batches(BatchLoader loader, int epochs) {
        List<float[]> out = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            try (BatchLoader.Epoch ep = loader.epoch(e)) {
                for (Batch b = ep.next(); b != null; b = ep.next()) {
                    out.add(Arrays.copyOf(b.x(), b.size() * 9));
                }
            }
        }
        return out;
    }

    @Test
    void loadsTheNextBatchWhileTheCallerHoldsThisOne() throws InterruptedException {
        AtomicInteger copies = new AtomicInteger();
        Dataset counting = new Wrapped(numbered(12)) {
            @Override
            public void copyImage(int index, float[] dst, int offset) {
                super.copyImage(index, dst, offset);
                copies.incrementAndGet();
            }
        };
        try (BatchLoader.Epoch ep = new BatchLoader(counting, 3, 1, List.of()).withPrefetch(2).epoch(0)) {
            Batch first = ep.next();
            assertEquals(3, first.size());
            // Without asking for more, the background thread fills two more batches.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (copies.get() < 9 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(9, copies.get());
            Thread.sleep(50);
            assertEquals(9, copies.get()); // bounded: no more than `prefetch` batches ahead
        }
    }

    @Test
    void aFailureInTheBackgroundSurfacesInTheCaller() {
        Dataset failing = new Wrapped(numbered(12)) {
            @Override
            public void copyImage(int index, float[] dst, int offset) {
                if (index == 7) {
                    throw new IllegalStateException("sample 7 is unreadable");
                }
                super.copyImage(index, dst, offset);
            }
        };
        for (int prefetch : new int[] {0, 2}) {
            BatchLoader.Epoch ep = new BatchLoader(failing, 4, 1, List.of()).withShuffle(false).withPrefetch(prefetch)
                    .epoch(0);
            assertEquals(4, ep.next().size());
            DataLoaderException e = assertThrows(DataLoaderException.class, ep::next);
            assertTrue(e.getMessage().contains("sample 7 is unreadable"), e.getMessage());
            assertNull(ep.next());
            ep.close();
            assertFalse(ep.workerAlive());
        }
    }

    @Test
    void closingEarlyStopsTheBackgroundThread() {
        BatchLoader.Epoch ep = new BatchLoader(numbered(1000), 2, 1, List.of()).withPrefetch(4).epoch(0);
        ep.next();
        assertTrue(ep.workerAlive());
        ep.close();
        assertFalse(ep.workerAlive());
        assertNull(ep.next());
        ep.close(); // twice is fine
    }

    @Test
    void carriesFloatTargetsAndRefusesAugmentationThatWouldMoveThem() {
        float[] x = new float[5 * 4];
        float[] t = new float[5 * 2];
        for (int i = 0; i < 5; i++) {
            Arrays.fill(x, i * 4, i * 4 + 4, i);
            t[2 * i] = i * 10;
            t[2 * i + 1] = -i;
        }
        ArrayDataset data = ArrayDataset.withTargets(2, 2, 1, x, t, 2);
        try (BatchLoader.Epoch ep = new BatchLoader(data, 5, 3, List.of(new Augmentation.Brightness(0))).epoch(0)) {
            Batch b = ep.next();
            assertNull(b.labels());
            for (int j = 0; j < 5; j++) {
                int id = (int) b.x()[j * 4];
                assertEquals(id * 10, b.targets()[2 * j]);
                assertEquals(-id, b.targets()[2 * j + 1]);
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BatchLoader(data, 5, 3, List.of(new Augmentation.Flip(true, false))));
        assertTrue(e.getMessage().contains("moves pixels"), e.getMessage());
    }

    /** Delegates everything; tests override one method. */
    static class Wrapped implements Dataset {
        private final Dataset d;

        Wrapped(Dataset d) {
            this.d = d;
        }

        @Override
        public int size() {
            return d.size();
        }

        @Override
        public int height() {
            return d.height();
        }

        @Override
        public int width() {
            return d.width();
        }

        @Override
        public int channels() {
            return d.channels();
        }

        @Override
        public void copyImage(int index, float[] dst, int offset) {
            d.copyImage(index, dst, offset);
        }

        @Override
        public int classes() {
            return d.classes();
        }

        @Override
        public int label(int index) {
            return d.label(index);
        }
    }
}
