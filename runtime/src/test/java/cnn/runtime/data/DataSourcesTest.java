package cnn.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.runtime.data.DataSources.Task;
import cnn.runtime.data.DataSources.TrainingData;
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

class DataSourcesTest {

    @TempDir
    Path dir;

    @Test
    void fashionMnistIsFittedToTheModelInput() throws IOException {
        TrainingData d = DataSources.open("fashion-mnist", 32, 32, 3, Task.CLASSIFICATION, 0, 1);
        assertEquals(60000, d.train().size());
        assertEquals(10000, d.validation().size());
        assertEquals(32, d.train().height());
        assertEquals(3, d.train().channels());
        assertEquals(9, d.train().label(0));
        float[] original = new float[28 * 28];
        FashionMnist.train().copyImage(0, original, 0);
        float[] gray = Images.resize(original, 28, 28, 1, 32, 32, Resize.BILINEAR);
        float[] rgb = new float[32 * 32 * 3];
        d.train().copyImage(0, rgb, 0);
        for (int p = 0; p < 32 * 32; p++) {
            assertEquals(gray[p], rgb[3 * p]);
            assertEquals(gray[p], rgb[3 * p + 2]);
        }
        Dataset exact = FashionMnist.test();
        assertSame(exact, DataSources.fit(exact, 28, 28, 1));
    }

    @Test
    void shapesFollowsTheTask() throws IOException {
        assertEquals(3, DataSources.open("shapes", 16, 16, 1, Task.CLASSIFICATION, 0, 1).train().classes());
        assertEquals(8, DataSources.open("shapes", 16, 16, 1, Task.LOCALIZATION, 0, 1).train().targetSize());
        assertEquals(9, DataSources.open("shapes", 16, 16, 1, Task.LANDMARKS, 4, 1).train().targetSize());
        TrainingData det = DataSources.open("shapes", 16, 16, 3, Task.DETECTION, 0, 1);
        assertEquals(DataSources.SHAPES_TRAIN, det.train().size());
        assertEquals(DataSources.SHAPES_VALIDATION, det.validation().size());
        assertTrue(det.train() instanceof DetectionDataset);
        DatasetException e = assertThrows(DatasetException.class,
                () -> DataSources.open("shapes", 16, 16, 1, Task.LANDMARKS, 5, 1));
        assertTrue(e.getMessage().startsWith("--data shapes: shapes has landmarks for triangles (3) and squares (4)"),
                e.getMessage());
    }

    @Test
    void shapesColonNDrawsNTrainingImagesTheSameAsShapesDoesAndTheSameHeldOutSet() throws IOException {
        TrainingData plain = DataSources.open("shapes", 16, 16, 3, Task.DETECTION, 0, 5);
        TrainingData more = DataSources.open("shapes:25000", 16, 16, 3, Task.DETECTION, 0, 5);
        TrainingData few = DataSources.open("shapes:3", 16, 16, 3, Task.DETECTION, 0, 5);
        assertEquals(25000, more.train().size());
        assertEquals(3, few.train().size());
        assertEquals(DataSources.SHAPES_VALIDATION, more.validation().size());
        // each image is drawn from its own index's stream: the first images are shapes' first images
        float[] a = new float[16 * 16 * 3];
        float[] b = new float[16 * 16 * 3];
        for (int i : new int[] {0, 2}) {
            plain.train().copyImage(i, a, 0);
            few.train().copyImage(i, b, 0);
            assertArrayEquals(a, b);
            assertEquals(((DetectionDataset) plain.train()).objects(i), ((DetectionDataset) more.train()).objects(i));
        }
        plain.validation().copyImage(7, a, 0);
        more.validation().copyImage(7, b, 0);
        assertArrayEquals(a, b, "the same held-out images whatever the training size");
        for (String bad : new String[] {"shapes:0", "shapes:-4", "shapes:", "shapes:1e4", "shapes:2000000"}) {
            DatasetException e = assertThrows(DatasetException.class,
                    () -> DataSources.open(bad, 16, 16, 1, Task.CLASSIFICATION, 0, 1));
            assertTrue(e.getMessage().startsWith("--data " + bad + ": shapes:N needs N, the number of training "
                    + "images, from 1 to 1000000, not '"), e.getMessage());
        }
    }

    @Test
    void npzMustMatchTheModelInput() throws IOException {
        Map<String, NdArray> m = new LinkedHashMap<>();
        m.put("x", new FloatArray(new int[] {20, 4, 4, 1}, new float[320]));
        m.put("y", new IntArray(new int[] {20}, new int[20]));
        Path p = dir.resolve("d.npz");
        Npz.write(p, m);
        TrainingData d = DataSources.open(p.toString(), 4, 4, 1, Task.CLASSIFICATION, 0, 3);
        assertEquals(18, d.train().size());
        assertEquals(2, d.validation().size());
        DatasetException e = assertThrows(DatasetException.class,
                () -> DataSources.open(p.toString(), 8, 8, 1, Task.CLASSIFICATION, 0, 3));
        assertTrue(e.getMessage().endsWith("x holds 4x4x1 images but the model takes 8x8x1"), e.getMessage());
    }

    @Test
    void unknownSourcesAreExplained() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> DataSources.open("mnist", 28, 28, 1, Task.CLASSIFICATION, 0, 1));
        assertEquals("--data mnist: not fashion-mnist, shapes, a directory of class folders, or an .npz file "
                + "(no such file or directory)", e.getMessage());
        e = assertThrows(DatasetException.class, () -> DataSources.open("fashion-mnist", 28, 28, 1, Task.DETECTION, 0, 1));
        assertTrue(e.getMessage().contains("cannot train a detection head"), e.getMessage());
    }

    @Test
    void resizedViewKeepsLabels() {
        Dataset base = BatchLoaderTest.numbered(5);
        Dataset big = DataSources.fit(base, 4, 4, 1);
        float[] px = new float[16];
        big.copyImage(3, px, 0);
        float[] expected = new float[16];
        java.util.Arrays.fill(expected, 3);
        assertArrayEquals(expected, px);
        assertEquals(0, big.label(3));
    }
}
