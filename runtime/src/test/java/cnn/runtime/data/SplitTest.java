package cnn.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitTest {

    private static int[] ids(Dataset d) {
        int[] out = new int[d.size()];
        float[] px = new float[4];
        for (int i = 0; i < d.size(); i++) {
            d.copyImage(i, px, 0);
            out[i] = (int) px[0];
            assertEquals(out[i] % 3, d.label(i));
        }
        return out;
    }

    @Test
    void partsAreDisjointAndCoverEverything() {
        Dataset data = BatchLoaderTest.numbered(101);
        Split s = Split.of(data, 0.2, 5);
        assertEquals(20, s.validation().size());
        assertEquals(81, s.train().size());
        Set<Integer> train = new HashSet<>();
        for (int i : ids(s.train())) {
            train.add(i);
        }
        Set<Integer> all = new HashSet<>(train);
        for (int i : ids(s.validation())) {
            assertFalse(train.contains(i), "sample " + i + " is in both parts");
            all.add(i);
        }
        assertEquals(101, all.size());
    }

    @Test
    void sameSeedSameSplit() {
        Dataset data = BatchLoaderTest.numbered(50);
        assertArrayEquals(ids(Split.of(data, 0.3, 9).validation()), ids(Split.of(data, 0.3, 9).validation()));
        assertFalse(Arrays.equals(ids(Split.of(data, 0.3, 9).validation()), ids(Split.of(data, 0.3, 10).validation())));
        assertThrows(IllegalArgumentException.class, () -> Split.of(data, 1.0, 1));
    }
}
