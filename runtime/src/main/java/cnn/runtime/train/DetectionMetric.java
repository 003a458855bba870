package cnn.runtime.train;

import cnn.runtime.data.Batch;
import cnn.runtime.detect.Detection;
import cnn.runtime.detect.GroundTruth;
import cnn.runtime.detect.MeanAveragePrecision;
import cnn.runtime.detect.Nms;
import cnn.runtime.detect.YoloHeads;
import cnn.runtime.loss.YoloTargets;
import java.util.List;

/**
 * mAP@0.5 of a model with {@code yolo} heads over a dataset ({@link MeanAveragePrecision}, VOC
 * style): each image's outputs are decoded ({@link YoloHeads#decode}) down to a score of
 * {@value #SCORE_THRESHOLD}, so the precision-recall curve reaches low-confidence boxes, and
 * cleared of duplicates by NMS per class at IoU {@value #NMS_IOU}, as Darknet and the COCO tools
 * evaluate YOLO.
 */
public final class DetectionMetric implements Evaluation.Metric {

    /** The metric's name in logs and reports. */
    public static final String NAME = "mAP@0.5";
    static final double SCORE_THRESHOLD = 0.005;
    static final double NMS_IOU = 0.45;

    /** The true boxes of a dataset's image. */
    public interface Truths {
        List<GroundTruth> of(int index);
    }

    private final YoloHeads heads;
    private final Truths truths;
    private MeanAveragePrecision map;

    /**
     * @param truths the boxes of each image of the evaluated data, by dataset index; null to read
     *               them back from the batch's encoded targets (which hold one box per anchor and
     *               cell, so boxes that collided when encoding are not counted)
     */
    public DetectionMetric(YoloHeads heads, Truths truths) {
        this.heads = heads;
        this.truths = truths;
        reset();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void reset() {
        map = new MeanAveragePrecision(Math.max(heads.classes(), 1));
    }

    @Override
    public void add(float[] outputs, int outputSize, Batch batch) {
        if (outputSize != heads.size()) {
            throw new IllegalArgumentException("mAP: the model gives " + outputSize + " values per sample but its "
                    + "yolo heads have " + heads.size());
        }
        for (int s = 0; s < batch.size(); s++) {
            List<Detection> found = Nms.apply(heads.decode(outputs, s * outputSize, SCORE_THRESHOLD),
                    SCORE_THRESHOLD, NMS_IOU);
            List<GroundTruth> real = truths != null ? truths.of(batch.indices()[s])
                    : YoloTargets.decode(heads, batch.targets(), s * heads.size());
            map.add(found, real);
        }
    }

    @Override
    public double value() {
        return map.mean();
    }
}
