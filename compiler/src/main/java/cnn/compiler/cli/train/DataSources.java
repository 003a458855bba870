package cnn.compiler.cli.train;

import cnn.runtime.data.Dataset;
import cnn.runtime.data.FashionMnist;
import cnn.runtime.data.ImageFolder;
import cnn.runtime.data.NpzDataset;
import cnn.runtime.data.Resize;
import cnn.runtime.data.ShapeKind;
import cnn.runtime.data.Split;
import cnn.runtime.data.SyntheticShapes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns {@code cnnc train --data …} into a {@link DataSplit}:
 * <ul>
 *   <li>{@code fashion-mnist}: the Debian package's 60000 training images, of which a fixed tenth
 *       validates; the 10000 test images test.</li>
 *   <li>{@code shapes}: synthetic circles, squares and triangles drawn at the model's input size,
 *       6000 / 1000 / 1000 images from fixed seeds; classification for a cross-entropy model,
 *       the {@code localize} or {@code landmarks} target for those heads.</li>
 *   <li>a directory: one subfolder of images per class, or {@code train/} and {@code test/}
 *       (and optionally {@code val/}) each holding such subfolders.</li>
 *   <li>an {@code .npz} with {@code x} and {@code y} (SPEC §3).</li>
 * </ul>
 * Where the source has a single part, a fixed 10% validates and another 10% tests. The held-out
 * parts are drawn with a fixed seed, not the training seed, so a run with another seed (or a
 * resumed run) never trains on its own test images.
 */
public final class DataSources {

    /** Seeds the held-out splits; fixed so that the test images stay the same across runs. */
    static final long SPLIT_SEED = 0x5EED_DA7AL;
    static final double HOLD_OUT = 0.1;
    static final int SHAPES_TRAIN = 6000;
    static final int SHAPES_HELD_OUT = 1000;

    private DataSources() {
    }

    /**
     * @param spec   what follows {@code --data}
     * @param height the model's input height (likewise width and channels)
     * @param loss   the model's loss name ({@link cnn.runtime.train.TrainConfig#loss()}), which picks the
     *               kind of {@code shapes} data
     * @param outputs the size of the model's trained output
     * @throws IOException with a user-ready message when the data cannot be found or read
     */
    public static DataSplit open(String spec, int height, int width, int channels, String loss, int outputs)
            throws IOException {
        String lower = spec.toLowerCase(Locale.ROOT);
        if (lower.equals("fashion-mnist")) {
            return fashionMnist();
        }
        if (lower.equals("shapes")) {
            return shapes(height, width, channels, loss, outputs);
        }
        Path path = Path.of(spec);
        if (Files.isDirectory(path)) {
            return folder(spec, path, height, width, channels);
        }
        if (lower.endsWith(".npz")) {
            if (!Files.exists(path)) {
                throw new IOException(spec + ": no such file");
            }
            return holdOut(spec, NpzDataset.load(path));
        }
        if (!Files.exists(path)) {
            throw new IOException("--data " + spec + ": no such file or directory (expected fashion-mnist, shapes, "
                    + "a folder of class subfolders or an .npz with x and y)");
        }
        throw new IOException("--data " + spec + ": not a folder or an .npz file (expected fashion-mnist, shapes, "
                + "a folder of class subfolders or an .npz with x and y)");
    }

    private static DataSplit fashionMnist() throws IOException {
        Dataset train = FashionMnist.train();
        Dataset test = FashionMnist.test();
        Split split = Split.of(train, HOLD_OUT, SPLIT_SEED);
        return new DataSplit("fashion-mnist", split.train(), split.validation(), test,
                "Fashion-MNIST from " + FashionMnist.locate() + ": " + split.train().size() + " train, "
                        + split.validation().size() + " validation (a fixed tenth of the training set), "
                        + test.size() + " test");
    }

    private static DataSplit shapes(int height, int width, int channels, String loss, int outputs)
            throws IOException {
        if (channels != 1 && channels != 3) {
            throw new IOException("shapes: the synthetic images have 1 or 3 channels, the model takes " + channels);
        }
        Dataset[] parts = new Dataset[3];
        int[] sizes = {SHAPES_TRAIN, SHAPES_HELD_OUT, SHAPES_HELD_OUT};
        for (int i = 0; i < 3; i++) {
            long seed = i + 1;
            switch (loss) {
                case "localization":
                    parts[i] = SyntheticShapes.localization(sizes[i], height, width, channels, seed);
                    break;
                case "landmarks":
                    parts[i] = SyntheticShapes.landmarks(sizes[i], height, width, channels, landmarkKind(outputs),
                            seed);
                    break;
                case "yolo":
                    throw new IOException("shapes: training a yolo head on the synthetic data is not supported by "
                            + "cnnc train yet; give a .npz with x and encoded targets y");
                default:
                    parts[i] = SyntheticShapes.classification(sizes[i], height, width, channels, seed);
            }
        }
        String kind = loss.equals("localization") || loss.equals("landmarks") ? loss : "classification (3 classes)";
        return new DataSplit("shapes", parts[0], parts[1], parts[2], "synthetic shapes, " + kind + ", "
                + height + "x" + width + "x" + channels + ": " + SHAPES_TRAIN + " train, " + SHAPES_HELD_OUT
                + " validation, " + SHAPES_HELD_OUT + " test");
    }

    private static ShapeKind landmarkKind(int outputs) throws IOException {
        for (ShapeKind k : ShapeKind.values()) {
            if (k.corners() > 0 && 1 + 2 * k.corners() == outputs) {
                return k;
            }
        }
        throw new IOException("shapes: a landmarks head on the synthetic data needs 4 landmarks (squares) or 3 "
                + "(triangles), i.e. 9 or 7 outputs; the model has " + outputs);
    }

    private static DataSplit folder(String spec, Path dir, int height, int width, int channels) throws IOException {
        if (channels != 1 && channels != 3) {
            throw new IOException(spec + ": image folders give 1 (gray) or 3 (RGB) channels, the model takes "
                    + channels);
        }
        Path train = dir.resolve("train");
        Path test = dir.resolve("test");
        if (Files.isDirectory(train) && Files.isDirectory(test)) {
            Dataset trainData = ImageFolder.load(train, height, width, channels, Resize.BILINEAR);
            Dataset testData = ImageFolder.load(test, height, width, channels, Resize.BILINEAR);
            Path val = Files.isDirectory(dir.resolve("val")) ? dir.resolve("val") : dir.resolve("validation");
            if (Files.isDirectory(val)) {
                Dataset valData = ImageFolder.load(val, height, width, channels, Resize.BILINEAR);
                return new DataSplit(spec, trainData, valData, testData, spec + ": " + trainData.size() + " train, "
                        + valData.size() + " validation, " + testData.size() + " test, from its train/, "
                        + val.getFileName() + "/ and test/ folders");
            }
            Split split = Split.of(trainData, HOLD_OUT, SPLIT_SEED);
            return new DataSplit(spec, split.train(), nonEmpty(split.validation()), testData, spec + ": "
                    + split.train().size() + " train, " + split.validation().size() + " validation (a fixed tenth "
                    + "of train/), " + testData.size() + " test from test/");
        }
        return holdOut(spec, ImageFolder.load(dir, height, width, channels, Resize.BILINEAR));
    }

    /** A fixed 10% validates and another 10% tests; what is left trains. */
    private static DataSplit holdOut(String spec, Dataset all) {
        Split first = Split.of(all, HOLD_OUT, SPLIT_SEED);
        Dataset test = first.validation();
        int validationCount = (int) Math.floor(all.size() * HOLD_OUT);
        // Half a sample over so that the floor in Split lands on validationCount despite rounding.
        double fraction = first.train().size() == 0 ? 0 : (validationCount + 0.5) / first.train().size();
        Split second = Split.of(first.train(), Math.min(fraction, 0.5), SPLIT_SEED + 1);
        Dataset validation = nonEmpty(second.validation());
        Dataset testPart = nonEmpty(test);
        return new DataSplit(spec, second.train(), validation, testPart, spec + ": " + all.size() + " samples: "
                + second.train().size() + " train, " + second.validation().size() + " validation, " + test.size()
                + " test (fixed 10% splits)");
    }

    private static Dataset nonEmpty(Dataset d) {
        return d.size() == 0 ? null : d;
    }
}
