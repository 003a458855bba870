package cnn.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against the real files of the Debian package dataset-fashion-mnist (installed by .ci/run).
 * Expected values were read from the files by hand with Python (gzip + numpy.frombuffer):
 * train labels start 9 0 0 3 0 2 7 2 5 5, test labels 9 2 1 1 6 1 4 6 5 7; train image 0 has
 * 228 at row 13, column 14 and sums to 76247; the histogram is 6000 per class in train and 1000
 * in test. The mean train pixel 0.2860 is the normalisation constant published with the data set.
 */
class FashionMnistTest {

    private static Dataset train;
    private static Dataset test;

    @BeforeAll
    static void load() throws IOException {
        train = FashionMnist.train();
        test = FashionMnist.test();
    }

    @Test
    void hasTheDocumentedSizes() {
        assertEquals(60000, train.size());
        assertEquals(10000, test.size());
        for (Dataset d : new Dataset[] {train, test}) {
            assertEquals(28, d.height());
            assertEquals(28, d.width());
            assertEquals(1, d.channels());
            assertEquals(10, d.classes());
            assertEquals(0, d.targetSize());
        }
    }

    @Test
    void labelsMatchTheFiles() {
        int[] first = new int[10];
        for (int i = 0; i < 10; i++) {
            first[i] = train.label(i);
        }
        assertArrayEquals(new int[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, first);
        for (int i = 0; i < 10; i++) {
            first[i] = test.label(i);
        }
        assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, first);
        assertArrayEquals(histogram(6000), histogram(train));
        assertArrayEquals(histogram(1000), histogram(test));
    }

    @Test
    void pixelsAreScaledToUnitRange() {
        float[] img = new float[28 * 28];
        train.copyImage(0, img, 0);
        assertEquals(228 / 255f, img[13 * 28 + 14]);
        double sum = 0;
        for (float v : img) {
            sum += v;
        }
        assertEquals(76247 / 255.0, sum, 1e-3);
        double total = 0;
        float[] all = new float[28 * 28];
        for (int i = 0; i < train.size(); i++) {
            train.copyImage(i, all, 0);
            for (float v : all) {
                total += v;
            }
        }
        assertEquals(0.2860, total / (60000.0 * 784), 5e-5);
    }

    @Test
    void saysHowToInstallWhenMissing(@TempDir Path empty) {
        DatasetException e = assertThrows(DatasetException.class, () -> FashionMnist.locate(empty));
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
        assertTrue(e.getMessage().contains(empty.resolve("train-images-idx3-ubyte.gz").toString()), e.getMessage());
    }

    private static int[] histogram(int each) {
        int[] h = new int[10];
        java.util.Arrays.fill(h, each);
        return h;
    }

    private static int[] histogram(Dataset d) {
        int[] h = new int[10];
        for (int i = 0; i < d.size(); i++) {
            h[d.label(i)]++;
        }
        return h;
    }
}
