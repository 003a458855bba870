package cnn.runtime.data;

import java.util.List;

/**
 * Images with several objects each. As a {@link Dataset} its float target holds
 * {@link #maxObjects()} slots of {@value #SLOT} values {@code [present, class, cx, cy, w, h]},
 * the box as fractions of the image width and height (centre format, like Darknet's label
 * files); unused slots are all zero. {@link #objects(int)} gives the same objects in pixels.
 */
public interface DetectionDataset extends Dataset {

    int SLOT = 6;

    /** Number of object classes. */
    int objectClasses();

    int maxObjects();

    List<Annotation> objects(int index);

    @Override
    default int classes() {
        return 0;
    }

    @Override
    default int targetSize() {
        return maxObjects() * SLOT;
    }

    @Override
    default void copyTarget(int index, float[] dst, int offset) {
        java.util.Arrays.fill(dst, offset, offset + targetSize(), 0f);
        int k = 0;
        for (Annotation a : objects(index)) {
            int o = offset + k++ * SLOT;
            dst[o] = 1;
            dst[o + 1] = a.label();
            dst[o + 2] = (float) (a.box().centreX() / width());
            dst[o + 3] = (float) (a.box().centreY() / height());
            dst[o + 4] = (float) (a.box().width() / width());
            dst[o + 5] = (float) (a.box().height() / height());
        }
    }
}
