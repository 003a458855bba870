package cnn.runtime.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves {@code cnnc train --data fashion-mnist|shapes|DIR|D.npz} (SPEC §3) to training and
 * validation data shaped for the model's input. {@code shapes:N} draws N training images instead
 * of {@value #SHAPES_TRAIN} (a detector needs more than a classifier; a test needs fewer); the
 * held-out set stays {@value #SHAPES_VALIDATION} images drawn apart.
 */
public final class DataSources {

    /** What the model's head learns; decides which {@code shapes} variant is drawn. */
    public enum Task { CLASSIFICATION, LOCALIZATION, LANDMARKS, DETECTION }

    /** Training data and the held-out data to evaluate on. */
    public record TrainingData(Dataset train, Dataset validation) {
    }

    /** Synthetic {@code shapes} set sizes. */
    static final int SHAPES_TRAIN = 10_000;
    static final int SHAPES_VALIDATION = 2_000;
    /** Share of an image folder or npz set held out for validation. */
    static final double VALIDATION_FRACTION = 0.1;
    /** Objects per image at most in {@code shapes} detection data. */
    static final int SHAPES_MAX_OBJECTS = 4;

    /** The most training images {@code shapes:N} draws (their layouts are kept in memory). */
    static final int SHAPES_MAX = 1_000_000;

    private DataSources() {
    }

    /** Whether the spec names the synthetic set: {@code shapes} or {@code shapes:N}. */
    public static boolean isShapes(String spec) {
        return spec.equals("shapes") || spec.startsWith("shapes:");
    }

    /**
     * The training images {@code shapes} ({@value #SHAPES_TRAIN}) or {@code shapes:N} (N) draws.
     *
     * @throws IllegalArgumentException when N is not a whole number in range ({@link #open} adds the spec)
     */
    static int shapesTrainSize(String spec) {
        if (spec.equals("shapes")) {
            return SHAPES_TRAIN;
        }
        String count = spec.substring("shapes:".length());
        try {
            int n = Integer.parseInt(count);
            if (n >= 1 && n <= SHAPES_MAX) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("shapes:N needs N, the number of training images, from 1 to " + SHAPES_MAX
                + ", not '" + count + "'");
    }

    /**
     * @param spec      {@code fashion-mnist}, {@code shapes}, a directory of class folders, or an {@code .npz}
     * @param landmarks for {@link Task#LANDMARKS}: points per sample (3 or 4 for {@code shapes})
     */
    public static TrainingData open(String spec, int height, int width, int channels, Task task, int landmarks,
                                    long seed) throws IOException {
        try {
            return resolve(spec, height, width, channels, task, landmarks, seed);
        } catch (IllegalArgumentException e) {
            throw new DatasetException("--data " + spec + ": " + e.getMessage(), e);
        }
    }

    private static TrainingData resolve(String spec, int height, int width, int channels, Task task, int landmarks,
                                        long seed) throws IOException {
        if (spec.equals("fashion-mnist")) {
            if (task != Task.CLASSIFICATION) {
                throw new DatasetException("fashion-mnist has class labels only; it cannot train a "
                        + task.name().toLowerCase(java.util.Locale.ROOT) + " head");
            }
            return new TrainingData(fit(FashionMnist.train(), height, width, channels),
                    fit(FashionMnist.test(), height, width, channels));
        }
        if (isShapes(spec)) {
            return new TrainingData(shapes(shapesTrainSize(spec), height, width, channels, task, landmarks, seed),
                    shapes(SHAPES_VALIDATION, height, width, channels, task, landmarks, ~seed));
        }
        Path path = Path.of(spec);
        if (Files.isDirectory(path)) {
            return split(ImageFolder.load(path, height, width, channels, Resize.BILINEAR), seed);
        }
        if (spec.endsWith(".npz")) {
            Dataset d = NpzDataset.load(path);
            if (d.height() != height || d.width() != width || d.channels() != channels) {
                throw new DatasetException(spec + ": x holds " + d.height() + "x" + d.width() + "x" + d.channels()
                        + " images but the model takes " + height + "x" + width + "x" + channels);
            }
            return split(d, seed);
        }
        throw new DatasetException("--data " + spec + ": not fashion-mnist, shapes, a directory of class folders, "
                + "or an .npz file" + (Files.exists(path) ? "" : " (no such file or directory)"));
    }

    /** The dataset at the model's input size and channels: as it is when it fits, else resized (bilinear). */
    public static Dataset fit(Dataset d, int height, int width, int channels) {
        if (d.height() == height && d.width() == width && d.channels() == channels) {
            return d;
        }
        return new Resized(d, height, width, channels, Resize.BILINEAR);
    }

    private static TrainingData split(Dataset d, long seed) {
        Split s = Split.of(d, VALIDATION_FRACTION, seed);
        return new TrainingData(s.train(), s.validation());
    }

    private static Dataset shapes(int n, int height, int width, int channels, Task task, int landmarks, long seed) {
        return switch (task) {
            case CLASSIFICATION -> SyntheticShapes.classification(n, height, width, channels, seed);
            case LOCALIZATION -> SyntheticShapes.localization(n, height, width, channels, seed);
            case DETECTION -> SyntheticShapes.detection(n, height, width, channels, SHAPES_MAX_OBJECTS, seed);
            case LANDMARKS -> {
                if (landmarks != 3 && landmarks != 4) {
                    throw new IllegalArgumentException("shapes has landmarks for triangles (3) and squares (4), not "
                            + landmarks);
                }
                yield SyntheticShapes.landmarks(n, height, width, channels,
                        landmarks == 3 ? ShapeKind.TRIANGLE : ShapeKind.SQUARE, seed);
            }
        };
    }
}
