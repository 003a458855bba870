package cnn.compiler.transfer;

import cnn.runtime.data.DataSources;
import cnn.runtime.data.Dataset;
import cnn.runtime.data.DatasetException;
import cnn.runtime.data.FashionMnist;
import cnn.runtime.data.ImageFolder;
import cnn.runtime.data.NpzDataset;
import cnn.runtime.data.Resize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A data source of {@code --data}'s kinds taken whole, with nothing held out: what
 * {@code cnnc train --test}, {@code cnnc features} and {@code cnnc subset} read. For
 * {@code fashion-mnist} the part is the training set (60000 images) or the test set (10000).
 */
public final class WholeData {

    private WholeData() {
    }

    /** Which part of Fashion-MNIST; the other kinds have one part. */
    public enum Part { TRAIN, TEST }

    /**
     * The source at the given input size (resized bilinearly when it differs, as {@code --data}
     * does); {@code height} 0 keeps the source's own size.
     *
     * @throws IOException with a user-ready message naming the source
     */
    public static Dataset open(String spec, Part part, int height, int width, int channels) throws IOException {
        Dataset d = raw(spec, part, height, width, channels);
        if (height == 0) {
            return d;
        }
        return DataSources.fit(d, height, width, channels);
    }

    private static Dataset raw(String spec, Part part, int height, int width, int channels) throws IOException {
        if (spec.equals("fashion-mnist")) {
            return part == Part.TEST ? FashionMnist.test() : FashionMnist.train();
        }
        if (spec.equals("shapes")) {
            throw new DatasetException("shapes is drawn afresh for every run and cannot be read whole; write a "
                    + "dataset to an .npz or a folder instead");
        }
        Path path = Path.of(spec);
        if (Files.isDirectory(path)) {
            if (height == 0) {
                throw new DatasetException(spec + ": a folder of images is read at a model's input size, and there "
                        + "is no model here; give fashion-mnist or an .npz (cnnc train and cnnc features read "
                        + "folders)");
            }
            try {
                return ImageFolder.load(path, height, width, channels, Resize.BILINEAR);
            } catch (IllegalArgumentException e) {
                throw new DatasetException(spec + ": " + e.getMessage(), e);
            }
        }
        if (spec.endsWith(".npz")) {
            Dataset d = NpzDataset.load(path);
            if (height != 0 && (d.height() != height || d.width() != width || d.channels() != channels)) {
                throw new DatasetException(spec + ": x holds " + d.height() + "x" + d.width() + "x" + d.channels()
                        + " samples but the model takes " + height + "x" + width + "x" + channels);
            }
            return d;
        }
        throw new DatasetException(spec + ": not fashion-mnist, a directory of class folders, or an .npz file"
                + (Files.exists(path) ? "" : " (no such file or directory)"));
    }
}
