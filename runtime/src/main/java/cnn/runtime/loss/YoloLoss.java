package cnn.runtime.loss;

import cnn.runtime.detect.Box;
import cnn.runtime.detect.GroundTruth;
import cnn.runtime.detect.YoloGrid;
import cnn.runtime.detect.YoloHeads;
import java.util.Arrays;
import java.util.List;

/**
 * The loss of the {@code yolo} head, from its output grid and a target grid made by
 * {@link YoloTargets} (the {@code y} of a data file with a yolo head); of a model with several
 * heads ({@link YoloHeads}), from their grids one after another per sample, the sum over every
 * head. Per cell and anchor,
 * with {@code [tx, ty, tw, th, o, c…]} the outputs and starred values the target:
 * <pre>
 *   responsible (target objectness 1):
 *       coordinates · [(σ(tx) − tx*)² + (σ(ty) − ty*)² + (tw − tw*)² + (th − th*)²]
 *     + object      · bce(o, 1)
 *     + classes     · softmax cross-entropy(c, one-hot*)
 *   otherwise:
 *       noObject    · bce(o, 0), unless the anchor's predicted box overlaps a target box with
 *                     IoU above ignoreIou, which then costs nothing (YOLOv3: a good box that
 *                     merely was not assigned is not pushed towards "no object")
 * </pre>
 * bce is the binary cross-entropy of a logit, so objectness trains through a sigmoid. The sum
 * over the grids is averaged over the samples. The IoU test looks at the sample's target boxes of
 * every head; boxes that {@link YoloTargets} left out because another claimed the same anchor do
 * not take part in it.
 */
public final class YoloLoss implements Loss {

    /**
     * Weights of the terms, and the IoU above which an unassigned anchor is not penalised
     * (1 turns that off).
     */
    public record Weights(double coordinates, double object, double noObject, double classes, double ignoreIou) {
        public Weights {
            for (double w : new double[] {coordinates, object, noObject, classes}) {
                if (!(w >= 0) || Double.isInfinite(w)) {
                    throw new IllegalArgumentException("yolo loss: weight " + w + " must be a finite number >= 0");
                }
            }
            if (!(ignoreIou >= 0 && ignoreIou <= 1)) {
                throw new IllegalArgumentException("yolo loss: ignore IoU " + ignoreIou + " must be in [0, 1]");
            }
        }

        /** All terms weighted 1; ignore above IoU 0.5, as YOLOv3. */
        public static Weights defaults() {
            return new Weights(1, 1, 1, 1, 0.5);
        }
    }

    private final YoloHeads heads;
    private final Weights weights;

    public YoloLoss(YoloHeads heads, Weights weights) {
        this.heads = heads;
        this.weights = weights;
    }

    public YoloLoss(YoloHeads heads) {
        this(heads, Weights.defaults());
    }

    public YoloLoss(YoloGrid grid, Weights weights) {
        this(YoloHeads.of(grid), weights);
    }

    public YoloLoss(YoloGrid grid) {
        this(grid, Weights.defaults());
    }

    public YoloHeads heads() {
        return heads;
    }

    @Override
    public int size() {
        return heads.size();
    }

    @Override
    public double loss(float[] output, float[] target, int n, float[] grad) {
        int size = size();
        Batches.check("yolo", size, output, target, n, grad);
        double scale = 1.0 / n;
        double total = 0;
        for (int s = 0; s < n; s++) {
            int base = s * size;
            if (grad != null) {
                Arrays.fill(grad, base, base + size, 0f);
            }
            List<GroundTruth> truths = weights.ignoreIou() < 1 ? YoloTargets.decode(heads, target, base) : List.of();
            for (int h = 0; h < heads.count(); h++) {
                YoloGrid grid = heads.grid(h);
                int head = base + heads.offset(h);
                for (int row = 0; row < grid.rows(); row++) {
                    for (int col = 0; col < grid.cols(); col++) {
                        for (int a = 0; a < grid.anchors().size(); a++) {
                            int at = head + grid.index(row, col, a);
                            if (target[at + YoloGrid.OBJECTNESS] > 0.5f) {
                                total += responsible(grid, output, target, at, grad, scale);
                            } else if (!ignored(grid, output, at, row, col, a, truths)) {
                                total += weights.noObject()
                                        * objectness(output, at, 0, grad, weights.noObject() * scale);
                            }
                        }
                    }
                }
            }
        }
        return total * scale;
    }

    private double responsible(YoloGrid grid, float[] y, float[] t, int at, float[] grad, double scale) {
        double wc = weights.coordinates();
        double coordinates = 0;
        for (int k = YoloGrid.TX; k <= YoloGrid.TY; k++) {
            double p = StableMath.sigmoid(y[at + k]);
            double d = p - t[at + k];
            coordinates += d * d;
            if (grad != null) {
                grad[at + k] = (float) (wc * 2 * d * p * (1 - p) * scale);
            }
        }
        coordinates += HeadTerms.squared(y, t, at + YoloGrid.TW, 2, grad, wc * scale);
        double loss = wc * coordinates;
        loss += weights.object() * objectness(y, at, 1, grad, weights.object() * scale);
        if (grid.classes() > 0) {
            int c = at + YoloGrid.FIRST_CLASS;
            loss += weights.classes() * StableMath.softmaxCrossEntropy(y, c, t, c, grid.classes(), grad, c,
                    weights.classes() * scale);
        }
        return loss;
    }

    private static double objectness(float[] y, int at, double target, float[] grad, double scale) {
        double x = y[at + YoloGrid.OBJECTNESS];
        if (grad != null) {
            grad[at + YoloGrid.OBJECTNESS] = (float) ((StableMath.sigmoid(x) - target) * scale);
        }
        return StableMath.bceWithLogits(x, target);
    }

    private boolean ignored(YoloGrid grid, float[] y, int at, int row, int col, int anchor, List<GroundTruth> truths) {
        if (truths.isEmpty()) {
            return false;
        }
        for (int k = YoloGrid.TX; k <= YoloGrid.TH; k++) {
            if (Float.isNaN(y[at + k])) {
                return false; // a diverged output: let the loss show NaN rather than fail here
            }
        }
        Box predicted = grid.box(y, at, row, col, anchor);
        for (GroundTruth truth : truths) {
            if (predicted.iou(truth.box()) > weights.ignoreIou()) {
                return true;
            }
        }
        return false;
    }
}
