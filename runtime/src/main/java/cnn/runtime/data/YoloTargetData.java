package cnn.runtime.data;

import cnn.runtime.detect.GroundTruth;
import cnn.runtime.detect.YoloHeads;
import cnn.runtime.loss.YoloTargets;
import java.util.ArrayList;
import java.util.List;

/**
 * Detection data as a model with {@code yolo} heads trains on it: the images as they are, and as
 * target each image's boxes encoded into the heads' grids ({@link YoloTargets}: the best anchor
 * over every head, the cell of the box centre), one grid after another per sample. Encoding runs
 * on demand, so the batch loader's background thread does it.
 *
 * <p>Heads without classes ({@code classes=0}) find objects of any class: every box is class 0.
 */
public final class YoloTargetData implements Dataset {

    private final DetectionDataset data;
    private final YoloHeads heads;

    /**
     * @throws IllegalArgumentException when the images are not the size the heads read, or the data
     *                                  has more object classes than the heads score
     */
    public YoloTargetData(DetectionDataset data, YoloHeads heads) {
        if (data.height() != heads.inputHeight() || data.width() != heads.inputWidth()) {
            throw new IllegalArgumentException("detection images are " + data.height() + "x" + data.width()
                    + " but the yolo heads read " + heads.inputHeight() + "x" + heads.inputWidth());
        }
        if (heads.classes() > 0 && heads.classes() < data.objectClasses()) {
            throw new IllegalArgumentException("the data has " + data.objectClasses() + " object classes but the yolo"
                    + " heads have classes=" + heads.classes() + "; give them classes=" + data.objectClasses()
                    + ", or classes=0 to find objects of any class");
        }
        this.data = data;
        this.heads = heads;
    }

    public YoloHeads heads() {
        return heads;
    }

    /** Number of classes detections are scored in: the heads', or 1 for heads without classes. */
    public int scoredClasses() {
        return Math.max(heads.classes(), 1);
    }

    /** The labelled boxes of image {@code index}, in pixels, as mAP scores detections against them. */
    public List<GroundTruth> truths(int index) {
        List<GroundTruth> out = new ArrayList<>();
        for (Annotation a : data.objects(index)) {
            out.add(heads.classes() == 0 ? new GroundTruth(a.box(), 0) : a.truth());
        }
        return out;
    }

    @Override
    public int size() {
        return data.size();
    }

    @Override
    public int height() {
        return data.height();
    }

    @Override
    public int width() {
        return data.width();
    }

    @Override
    public int channels() {
        return data.channels();
    }

    @Override
    public void copyImage(int index, float[] dst, int offset) {
        data.copyImage(index, dst, offset);
    }

    @Override
    public int classes() {
        return 0;
    }

    @Override
    public int targetSize() {
        return heads.size();
    }

    @Override
    public void copyTarget(int index, float[] dst, int offset) {
        YoloTargets.encode(heads, truths(index), dst, offset);
    }
}
