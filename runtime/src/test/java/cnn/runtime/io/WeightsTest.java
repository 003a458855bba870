package cnn.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsTest {

    private static final String[] NAMES = {"conv_1.weight", "conv_1.bias", "dense_1.weight", "dense_1.bias"};
    private static final int[][] SHAPES = {{2, 1, 3, 3}, {2}, {3, 4}, {3}};

    @TempDir
    Path dir;

    @Test
    void loadsNumpyWeightsInTheModelsOrder() throws IOException {
        String[] reversed = {NAMES[3], NAMES[2], NAMES[1], NAMES[0]};
        int[][] shapes = {SHAPES[3], SHAPES[2], SHAPES[1], SHAPES[0]};
        for (String f : List.of("weights_stored.npz", "weights_deflated.npz")) {
            float[][] w = Weights.load(Fixtures.path(f), reversed, shapes);
            assertArrayEquals(new float[3], w[0]);
            assertEquals(-1f, w[1][0]);
            assertArrayEquals(new float[] {0.5f, -0.5f}, w[2]);
            assertEquals(1.7f, w[3][17]);
        }
        assertEquals(List.of(NAMES), List.copyOf(Weights.loadMap(Fixtures.path("weights_stored.npz"), NAMES, SHAPES).keySet()));
    }

    @Test
    void saveThenLoadRoundTrips() throws IOException {
        float[][] data = {new float[18], {1, 2}, new float[12], {3, 4, 5}};
        Arrays.fill(data[0], 0.25f);
        Path p = dir.resolve("w.npz");
        Weights.save(p, NAMES, SHAPES, data);
        assertArrayEquals(data, Weights.load(p, NAMES, SHAPES));
    }

    @Test
    void namesAMissingTensorWithItsShape() throws IOException {
        Path p = dir.resolve("weights.npz");
        Weights.save(p, Arrays.copyOf(NAMES, 3), Arrays.copyOf(SHAPES, 3), new float[][] {new float[18], new float[2],
            new float[12]});
        WeightsException e = assertThrows(WeightsException.class, () -> Weights.load(p, NAMES, SHAPES));
        assertEquals(p + ": missing tensor dense_1.bias [3]", e.getMessage());
    }

    @Test
    void reportsEveryProblemAtOnce() throws IOException {
        Map<String, NdArray> m = new LinkedHashMap<>();
        m.put("conv_1.weight", new FloatArray(new int[] {2, 1, 5, 5}, new float[50]));
        m.put("conv_1.bias", new IntArray(new int[] {2}, new int[2]));
        m.put("dense_1.weight", new FloatArray(new int[] {3, 4}, new float[12]));
        m.put("conv_9.weight", new FloatArray(new int[] {1}, new float[1]));
        m.put("extra", new FloatArray(new int[] {1}, new float[1]));
        Path p = dir.resolve("weights.npz");
        Npz.write(p, m);
        WeightsException e = assertThrows(WeightsException.class, () -> Weights.load(p, NAMES, SHAPES));
        assertEquals(List.of(
                "tensor conv_1.weight has shape [2, 1, 5, 5], expected [2, 1, 3, 3]",
                "tensor conv_1.bias has dtype int32, expected float32",
                "missing tensor dense_1.bias [3]",
                "unexpected tensors conv_9.weight, extra (not in the model)"), e.problems());
        assertTrue(e.getMessage().startsWith(p + ": tensor conv_1.weight has shape"), e.getMessage());
        assertEquals(4, e.getMessage().lines().count());
    }

    @Test
    void refusesCorruptTruncatedAndMissingFiles() throws IOException {
        byte[] good = Files.readAllBytes(Fixtures.path("weights_stored.npz"));
        Path cut = dir.resolve("cut.npz");
        Files.write(cut, Arrays.copyOf(good, good.length - 30));
        WeightsException e = assertThrows(WeightsException.class, () -> Weights.load(cut, NAMES, SHAPES));
        assertTrue(e.getMessage().startsWith(cut + ": not a valid .npz (zip) archive"), e.getMessage());

        byte[] bad = good.clone();
        bad[NpzTest.entryStart(bad, "dense_1.weight.npy") + 128 + 4] ^= 1;
        Path corrupt = dir.resolve("corrupt.npz");
        Files.write(corrupt, bad);
        e = assertThrows(WeightsException.class, () -> Weights.load(corrupt, NAMES, SHAPES));
        assertEquals(corrupt + ": tensor dense_1.weight: CRC mismatch: the data is corrupt", e.getMessage());

        Path none = dir.resolve("none.npz");
        e = assertThrows(WeightsException.class, () -> Weights.load(none, NAMES, SHAPES));
        assertEquals(none + ": no such file", e.getMessage());
    }
}
