package cnn.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.runtime.data.DataSources.Task;
import cnn.runtime.data.DataSources.TrainingData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lecture notes' advice for {@code image_dataset_from_directory()}: "specify the train/val
 * subsets and match the seeds to prevent overlap". Here the folder is opened twice, as Keras
 * code does (once for the training subset, once for validation): with the same seed the two
 * subsets never share an image and together hold every image; with different seeds they do
 * share some, which is why the seeds must match.
 */
class ImageFolderSplitTest {

    private static final int IMAGES = 40;

    @TempDir
    Path dir;

    /** Image i is one gray pixel of value 6·i: its own id. Classes are three folders. */
    @BeforeEach
    void images() throws IOException {
        for (int i = 0; i < IMAGES; i++) {
            BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
            int v = 6 * i;
            img.setRGB(0, 0, (v << 16) | (v << 8) | v);
            Path p = dir.resolve("class" + (i % 3) + "/" + i + ".png");
            Files.createDirectories(p.getParent());
            ImageIO.write(img, "png", p.toFile());
        }
    }

    private static Set<Integer> ids(Dataset d) {
        Set<Integer> out = new HashSet<>();
        float[] px = new float[1];
        for (int i = 0; i < d.size(); i++) {
            d.copyImage(i, px, 0);
            int id = Math.round(px[0] * 255 / 6);
            assertEquals(id % 3, d.label(i), "image " + id + " keeps its class");
            assertTrue(out.add(id), "image " + id + " twice in one subset");
        }
        return out;
    }

    private TrainingData open(long seed) throws IOException {
        return DataSources.open(dir.toString(), 1, 1, 1, Task.CLASSIFICATION, 0, seed);
    }

    @Test
    void twoOpeningsWithTheSameSeedNeverOverlap() throws IOException {
        for (long seed = 0; seed < 25; seed++) {
            Set<Integer> train = ids(open(seed).train());
            Set<Integer> validation = ids(open(seed).validation());
            assertEquals(IMAGES / 10, validation.size());
            Set<Integer> both = new HashSet<>(train);
            both.retainAll(validation);
            assertEquals(Set.of(), both, "seed " + seed + ": images in both subsets");
            Set<Integer> all = new HashSet<>(train);
            all.addAll(validation);
            assertEquals(IMAGES, all.size(), "seed " + seed + ": every image is in one subset");
        }
    }

    @Test
    void differentSeedsDoOverlap() throws IOException {
        int overlapping = 0;
        for (long seed = 0; seed < 25; seed++) {
            Set<Integer> train = ids(open(seed).train());
            train.retainAll(ids(open(seed + 1000).validation()));
            overlapping += train.isEmpty() ? 0 : 1;
        }
        // a 4-image validation subset drawn apart from a 36-image training subset misses it by
        // chance with probability 1/C(40, 4) only
        assertTrue(overlapping >= 24, overlapping + " of 25 mismatched pairs overlap");
    }
}
