package cnn.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.runtime.io.FloatArray;
import cnn.runtime.io.IntArray;
import cnn.runtime.io.NdArray;
import cnn.runtime.io.Npz;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzDatasetTest {

    @TempDir
    Path dir;

    private Path write(NdArray x, NdArray y) throws IOException {
        Map<String, NdArray> m = new LinkedHashMap<>();
        if (x != null) {
            m.put("x", x);
        }
        if (y != null) {
            m.put("y", y);
        }
        Path p = dir.resolve("d.npz");
        Npz.write(p, m);
        return p;
    }

    private static FloatArray images(int n) {
        float[] d = new float[n * 2 * 3 * 2];
        for (int i = 0; i < d.length; i++) {
            d[i] = i;
        }
        return new FloatArray(new int[] {n, 2, 3, 2}, d);
    }

    @Test
    void readsLabels() throws IOException {
        Dataset d = NpzDataset.load(write(images(3), new IntArray(new int[] {3}, new int[] {2, 0, 4})));
        assertEquals(3, d.size());
        assertEquals(2, d.height());
        assertEquals(3, d.width());
        assertEquals(2, d.channels());
        assertEquals(5, d.classes());
        assertEquals(4, d.label(2));
        float[] img = new float[12];
        d.copyImage(1, img, 0);
        assertEquals(12f, img[0]);
        assertEquals(23f, img[11]);
    }

    @Test
    void readsFloatTargetsOfAnyShapeAndGrayImagesWithoutChannelAxis() throws IOException {
        float[] t = {1, 2, 3, 4, 5, 6, 7, 8};
        Dataset d = NpzDataset.load(write(new FloatArray(new int[] {2, 2, 2}, new float[8]),
                new FloatArray(new int[] {2, 2, 2}, t)));
        assertEquals(1, d.channels());
        assertEquals(0, d.classes());
        assertEquals(4, d.targetSize());
        float[] out = new float[4];
        d.copyTarget(1, out, 0);
        assertArrayEquals(new float[] {5, 6, 7, 8}, out);
    }

    @Test
    void explainsWhatIsWrong() throws IOException {
        assertTrue(message(write(images(3), null)).contains("needs arrays 'x' (images) and 'y'"));
        assertTrue(message(write(images(3), new IntArray(new int[] {2}, new int[2]))).contains("but x holds 3 samples"));
        assertTrue(message(write(new IntArray(new int[] {1, 1, 1, 1}, new int[1]), new IntArray(new int[] {1}, new int[1])))
                .contains("x must be float32"));
        assertTrue(message(write(images(1), new IntArray(new int[] {1}, new int[] {-1}))).contains("not a class label"));
        assertTrue(message(dir.resolve("missing.npz")).endsWith("missing.npz: no such file"));
    }

    private static String message(Path p) {
        return assertThrows(IOException.class, () -> NpzDataset.load(p)).getMessage();
    }
}
