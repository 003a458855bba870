package cnn.runtime.data;

import cnn.runtime.io.FloatArray;
import cnn.runtime.io.IntArray;
import cnn.runtime.io.NdArray;
import cnn.runtime.io.Npz;
import cnn.runtime.io.Shapes;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * A dataset in an {@code .npz} (SPEC §3): {@code x} is {@code N x H x W x C} float32
 * ({@code N x H x W} is read as one channel) and {@code y} holds {@code N} integer class labels
 * or float targets of any shape {@code N x …} (flattened per sample).
 */
public final class NpzDataset {

    private NpzDataset() {
    }

    public static Dataset load(Path file) throws IOException {
        Map<String, NdArray> arrays;
        try {
            arrays = Npz.read(file);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": no such file");
        }
        NdArray x = arrays.get("x");
        NdArray y = arrays.get("y");
        if (x == null || y == null) {
            throw new DatasetException(file + ": a dataset needs arrays 'x' (images) and 'y' (labels or targets); found "
                    + arrays.keySet());
        }
        if (!(x instanceof FloatArray images)) {
            throw new DatasetException(file + ": x must be float32 images (N x H x W x C), found integers");
        }
        int[] s = images.shape();
        if (s.length != 3 && s.length != 4) {
            throw new DatasetException(file + ": x must be N x H x W x C, found shape " + Shapes.format(s));
        }
        int n = s[0];
        int c = s.length == 4 ? s[3] : 1;
        if (n == 0 || s[1] == 0 || s[2] == 0 || c == 0) {
            throw new DatasetException(file + ": x is empty: shape " + Shapes.format(s));
        }
        int[] ys = y.shape();
        if (ys.length == 0 || ys[0] != n) {
            throw new DatasetException(file + ": y has shape " + Shapes.format(ys) + " but x holds " + n + " samples");
        }
        if (y instanceof IntArray labels) {
            if (ys.length != 1) {
                throw new DatasetException(file + ": integer y must be one class label per sample (shape [" + n
                        + "]), found " + Shapes.format(ys));
            }
            int max = -1;
            for (int i = 0; i < n; i++) {
                if (labels.data()[i] < 0) {
                    throw new DatasetException(file + ": y[" + i + "] = " + labels.data()[i] + " is not a class label");
                }
                max = Math.max(max, labels.data()[i]);
            }
            return ArrayDataset.labelled(s[1], s[2], c, images.data(), labels.data(), max + 1);
        }
        float[] targets = ((FloatArray) y).data();
        int per = Shapes.elements(Arrays.copyOfRange(ys, 1, ys.length));
        if (per == 0) {
            throw new DatasetException(file + ": y has no values per sample: shape " + Shapes.format(ys));
        }
        return ArrayDataset.withTargets(s[1], s[2], c, images.data(), targets, per);
    }
}
