package cnn.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cnn.runtime.data.ArrayDataset;
import cnn.runtime.data.Batch;
import cnn.runtime.data.BatchLoader;
import cnn.runtime.data.Dataset;
import cnn.runtime.detect.Anchor;
import cnn.runtime.detect.Box;
import cnn.runtime.detect.GroundTruth;
import cnn.runtime.detect.YoloGrid;
import cnn.runtime.detect.YoloHeads;
import cnn.runtime.loss.YoloTargets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The detection heads' evaluation metrics, on outputs written by hand. */
class HeadMetricsTest {

    /** Feeds {@code outputs} for every sample of {@code data} (in order, one batch) to the metric. */
    private static double measure(Evaluation.Metric metric, Dataset data, float[] outputs, int outputSize) {
        metric.reset();
        BatchLoader loader = new BatchLoader(data, data.size(), 0, List.of()).withShuffle(false);
        try (BatchLoader.Epoch epoch = loader.epoch(0)) {
            Batch b = epoch.next();
            metric.add(outputs, outputSize, b);
        }
        return metric.value();
    }

    private static Dataset targets(int n, float[] targets) {
        return ArrayDataset.withTargets(4, 4, 1, new float[n * 16], targets, targets.length / n);
    }

    private static float logit(double p) {
        return (float) Math.log(p / (1 - p));
    }

    @Test
    void localizationCountsPresenceClassAndOverlap() {
        // [Pc, bx, by, bh, bw, c0, c1]; four images: empty, and three with a class-1 box centred at
        // (0.5, 0.5) of 0.4 x 0.4.
        float[] truth = {
            0, 0, 0, 0, 0, 0, 0,
            1, 0.5f, 0.5f, 0.4f, 0.4f, 0, 1,
            1, 0.5f, 0.5f, 0.4f, 0.4f, 0, 1,
            1, 0.5f, 0.5f, 0.4f, 0.4f, 0, 1};
        float[] out = {
            // empty image, presence 0.3: right
            logit(0.3), 0, 0, 0, 0, 0, 0,
            // box shifted by 0.1 in x: overlap 0.3 x 0.4 = 0.12 of union 0.2 → IoU 0.6, class 1: right
            logit(0.9), 0.6f, 0.5f, 0.4f, 0.4f, -1, 1,
            // shifted by 0.2: overlap 0.08 of 0.24 → IoU 1/3: wrong
            logit(0.9), 0.7f, 0.5f, 0.4f, 0.4f, -1, 1,
            // exact box but class 0 is more likely: wrong
            logit(0.9), 0.5f, 0.5f, 0.4f, 0.4f, 2, 1};
        assertEquals(0.5, measure(new LocalizationMetric(2), targets(4, truth), out, 7), 1e-12);
        out[0] = logit(0.6); // now the empty image is said to hold something
        assertEquals(0.25, measure(new LocalizationMetric(2), targets(4, truth), out, 7), 1e-12);
    }

    @Test
    void landmarksAverageThePixelDistanceOverImagesWithAnObject() {
        // two points on a 40 (wide) x 20 (high) image; the second image is empty and not counted
        float[] truth = {1, 0.5f, 0.5f, 0.25f, 0.25f, 0, 0, 0, 0, 0};
        // first point off by (0.1·40, 0.15·20) = (4, 3): 5 px; second off by (0, 0.5·20) = 10 px
        float[] out = {logit(0.9), 0.6f, 0.65f, 0.25f, 0.75f, 5, 1, 1, 1, 1};
        Dataset data = ArrayDataset.withTargets(20, 40, 1, new float[2 * 800], truth, 5);
        assertEquals(7.5, measure(new LandmarksMetric(2, 20, 40), data, out, 5), 1e-5);
    }

    @Test
    void meanAveragePrecisionOfDecodedAndSuppressedBoxes() {
        // 32x32, a 2x2 grid of 16-pixel cells, one 16x16 anchor, one class. The truth is the box
        // of cell (0, 0) exactly. Every anchor predicts its cell's 16x16 box; cell (0, 0) with
        // objectness 0.95, the others 0.01 (still above the 0.005 the metric decodes to).
        YoloGrid grid = new YoloGrid(32, 32, 2, 2, List.of(new Anchor(16, 16)), 1);
        YoloHeads heads = YoloHeads.of(grid);
        List<GroundTruth> truth = List.of(new GroundTruth(Box.corners(0, 0, 16, 16), 0));
        float[] target = new float[heads.size()];
        YoloTargets.encode(heads, truth, target, 0);
        float[] out = new float[heads.size()];
        for (int cell = 0; cell < 4; cell++) {
            out[cell * 6 + YoloGrid.OBJECTNESS] = logit(cell == 0 ? 0.95 : 0.01);
        }
        Dataset data = ArrayDataset.withTargets(32, 32, 1, new float[1024], target, heads.size());
        // the true box ranks first: precision 1 up to recall 1, the three misses come after
        assertEquals(1.0, measure(new DetectionMetric(heads, i -> truth), data, out, heads.size()), 1e-12);
        assertEquals(1.0, measure(new DetectionMetric(heads, null), data, out, heads.size()), 1e-12,
                "read back from the encoded targets");

        // Cell (0, 1) now scores 0.99 with its box at (16, 0)–(32, 16), which misses the truth:
        // ranked first it is a false positive, so the true box comes at precision 1/2: AP 0.5.
        out[6 + YoloGrid.OBJECTNESS] = logit(0.99);
        assertEquals(0.5, measure(new DetectionMetric(heads, i -> truth), data, out, heads.size()), 1e-12);
    }
}
