package cnn.compiler.transfer;

import static cnn.compiler.transfer.TransferFiles.cnnc;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cnn.compiler.transfer.TransferFiles.Result;
import cnn.runtime.data.ArrayDataset;
import cnn.runtime.data.Dataset;
import cnn.runtime.data.NpzDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cnnc subset}: some classes, renumbered in the order given, at most N of each. */
class SubsetsTest {

    @TempDir
    Path dir;

    /** 40 one-pixel images, sample i of class i % 4 with pixel value i. */
    private static Dataset numbered() {
        float[] x = new float[40];
        int[] y = new int[40];
        for (int i = 0; i < 40; i++) {
            x[i] = i;
            y[i] = i % 4;
        }
        return ArrayDataset.labelled(1, 1, 1, x, y, 4);
    }

    @Test
    void keepsTheChosenClassesRenumberedAndAtMostNOfEach() {
        Subsets.Choice all = Subsets.choose(numbered(), List.of(3, 1), 0, 1);
        assertEquals(20, all.indices().length);
        for (int i = 0; i < all.indices().length; i++) {
            int original = all.indices()[i] % 4;
            assertEquals(original == 3 ? 0 : 1, all.labels()[i]);
            assertEquals(i == 0 ? 1 : all.indices()[i - 1] + 2, all.indices()[i], "the data's order is kept");
        }
        Subsets.Choice few = Subsets.choose(numbered(), List.of(3, 1), 4, 1);
        assertEquals(8, few.indices().length);
        assertEquals(4, Arrays.stream(few.labels()).filter(l -> l == 0).count());
        assertArrayEquals(few.indices(), Subsets.choose(numbered(), List.of(3, 1), 4, 1).indices(), "seeded");
        assertFalse(Arrays.equals(few.indices(), Subsets.choose(numbered(), List.of(3, 1), 4, 2).indices()));
        assertThrows(IllegalArgumentException.class, () -> Subsets.choose(numbered(), List.of(4), 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Subsets.choose(numbered(), List.of(1, 1), 0, 1));
    }

    @Test
    void theCommandWritesADataset() throws IOException {
        Path data = dir.resolve("d.npz");
        TransferFiles.writeData(data, 30, 0, 1);
        Path out = dir.resolve("s.npz");
        Result r = cnnc("subset", data.toString(), "--classes", "1-2", "--per-class", "4", "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(out + ": 8 images of 2 classes (1-2 as 0-1)\n", r.out());
        Dataset d = NpzDataset.load(out);
        assertEquals(8, d.size());
        assertEquals(2, d.classes());
        r = cnnc("subset", data.toString(), "--classes", "2-1", "-o", out.toString());
        assertEquals(2, r.code());
        assertEquals("cnnc subset: --classes: range 2-1 runs backwards\n", r.err());
        r = cnnc("subset", data.toString(), "--classes", "7", "-o", out.toString());
        assertEquals(1, r.code());
        assertEquals("cnnc subset: class 7 is not among the data's classes 0..2\n", r.err());
    }
}
