package cnn.runtime.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 28x28 grayscale images of 10 kinds of clothing,
 * 60000 for training and 10000 for testing. Read from the Debian package
 * {@code dataset-fashion-mnist} (or {@code $CNN_FASHION_MNIST}, a directory with the same files).
 */
public final class FashionMnist {

    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {
    }

    /** The directory holding the four files, or an error that says how to install them. */
    public static Path locate() throws DatasetException {
        String env = System.getenv("CNN_FASHION_MNIST");
        if (env != null && !env.isEmpty()) {
            return locate(Path.of(env));
        }
        try {
            return locate(DEFAULT_DIR);
        } catch (DatasetException e) {
            throw new DatasetException(e.getMessage() + " (or set CNN_FASHION_MNIST to a directory holding the files)");
        }
    }

    /** {@code dir} if it holds the four files, or an error naming the first one missing. */
    public static Path locate(Path dir) throws DatasetException {
        for (String part : List.of("train", "t10k")) {
            for (String kind : List.of("images-idx3", "labels-idx1")) {
                Path f = dir.resolve(part + "-" + kind + "-ubyte.gz");
                if (!Files.isRegularFile(f)) {
                    throw new DatasetException("Fashion-MNIST not found: " + f + " is missing; install it with "
                            + "`apt-get install dataset-fashion-mnist`");
                }
            }
        }
        return dir;
    }

    /** The 60000 training images, 28x28x1 in [0, 1], labels 0–9. */
    public static Dataset train() throws IOException {
        return load(locate(), "train");
    }

    /** The 10000 test images. */
    public static Dataset test() throws IOException {
        return load(locate(), "t10k");
    }

    static Dataset load(Path dir, String part) throws IOException {
        Path imagesFile = dir.resolve(part + "-images-idx3-ubyte.gz");
        Path labelsFile = dir.resolve(part + "-labels-idx1-ubyte.gz");
        Idx.Data images = Idx.read(imagesFile);
        Idx.Data labels = Idx.read(labelsFile);
        if (images.dims().length != 3 || labels.dims().length != 1 || images.count() != labels.count()) {
            throw new DatasetException(dir + ": " + part + " images " + Arrays.toString(images.dims()) + " and labels "
                    + Arrays.toString(labels.dims()) + " do not match");
        }
        int[] l = Idx.labels(labels);
        for (int v : l) {
            if (v >= CLASSES.size()) {
                throw new DatasetException(labelsFile + ": label " + v + " is not a Fashion-MNIST class (0-9)");
            }
        }
        return ArrayDataset.labelled(images.dims()[1], images.dims()[2], 1, Idx.images(images), l, CLASSES.size());
    }
}
