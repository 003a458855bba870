package cnn.compiler.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.runtime.data.Dataset;
import cnn.runtime.io.FloatArray;
import cnn.runtime.io.IntArray;
import cnn.runtime.io.NdArray;
import cnn.runtime.io.Npz;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSourcesTest {

    @TempDir
    Path dir;

    /** Sample i is an image whose every pixel is i, so a part's samples can be told apart. */
    private Path numbered(int n) throws IOException {
        float[] x = new float[n * 4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(x, i * 4, i * 4 + 4, i);
            y[i] = i % 2;
        }
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("x", new FloatArray(new int[] {n, 2, 2, 1}, x));
        arrays.put("y", new IntArray(new int[] {n}, y));
        Path file = dir.resolve("d" + n + ".npz");
        Npz.write(file, arrays);
        return file;
    }

    private static Set<Integer> ids(Dataset d) {
        Set<Integer> out = new HashSet<>();
        float[] px = new float[4];
        for (int i = 0; i < d.size(); i++) {
            d.copyImage(i, px, 0);
            out.add((int) px[0]);
        }
        return out;
    }

    @Test
    void aSinglePartSourceHoldsOutATenthToValidateAndATenthToTest() throws IOException {
        DataSplit s = DataSources.open(numbered(1000).toString(), 2, 2, 1, "cross_entropy", 2);
        assertEquals(800, s.train().size());
        assertEquals(100, s.validation().size());
        assertEquals(100, s.test().size());
        Set<Integer> all = new HashSet<>(ids(s.train()));
        all.addAll(ids(s.validation()));
        all.addAll(ids(s.test()));
        assertEquals(1000, all.size(), "no sample in two parts");

        // The held-out parts do not depend on anything but the data: the same test images every run.
        DataSplit again = DataSources.open(numbered(1000).toString(), 2, 2, 1, "cross_entropy", 2);
        assertEquals(ids(s.test()), ids(again.test()));
    }

    @Test
    void aTinySourceHasNoHeldOutParts() throws IOException {
        DataSplit s = DataSources.open(numbered(9).toString(), 2, 2, 1, "cross_entropy", 2);
        assertEquals(9, s.train().size());
        assertNull(s.validation());
        assertNull(s.test());
    }

    @Test
    void aFolderWithTrainAndTestUsesThem() throws IOException {
        for (String part : new String[] {"train", "test"}) {
            for (String cls : new String[] {"cat", "dog"}) {
                Path d = Files.createDirectories(dir.resolve("imgs").resolve(part).resolve(cls));
                int count = part.equals("train") ? 20 : 3;
                for (int i = 0; i < count; i++) {
                    BufferedImage img = new BufferedImage(6, 6, BufferedImage.TYPE_INT_RGB);
                    ImageIO.write(img, "png", d.resolve(i + ".png").toFile());
                }
            }
        }
        DataSplit s = DataSources.open(dir.resolve("imgs").toString(), 4, 4, 3, "cross_entropy", 2);
        assertEquals(36, s.train().size());
        assertEquals(4, s.validation().size());
        assertEquals(6, s.test().size());
        assertEquals(2, s.train().classes());
        assertEquals(4, s.train().height());
    }

    @Test
    void shapesAreDrawnAtTheModelsInputForItsHead() throws IOException {
        DataSplit c = DataSources.open("shapes", 16, 16, 3, "cross_entropy", 3);
        assertEquals(6000, c.train().size());
        assertEquals(1000, c.validation().size());
        assertEquals(1000, c.test().size());
        assertEquals(3, c.train().classes());
        assertEquals(16, c.train().width());

        DataSplit l = DataSources.open("shapes", 16, 16, 1, "localization", 8);
        assertEquals(8, l.train().targetSize());
        DataSplit m = DataSources.open("shapes", 16, 16, 1, "landmarks", 9);
        assertEquals(9, m.train().targetSize());

        IOException e = assertThrows(IOException.class, () -> DataSources.open("shapes", 16, 16, 1, "landmarks", 5));
        assertTrue(e.getMessage().startsWith("shapes: a landmarks head on the synthetic data needs"), e.getMessage());
    }

    @Test
    void whatCannotBeFoundIsSaidInWords() {
        IOException e = assertThrows(IOException.class,
                () -> DataSources.open(dir.resolve("nothing").toString(), 2, 2, 1, "cross_entropy", 2));
        assertEquals("--data " + dir.resolve("nothing") + ": no such file or directory (expected fashion-mnist, "
                + "shapes, a folder of class subfolders or an .npz with x and y)", e.getMessage());
    }
}
