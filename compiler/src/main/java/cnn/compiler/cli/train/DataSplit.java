package cnn.compiler.cli.train;

import cnn.runtime.data.DataSources;
import cnn.runtime.data.Dataset;
import cnn.runtime.data.DetectionDataset;
import cnn.runtime.data.YoloTargetData;
import cnn.runtime.detect.YoloHeads;
import java.io.IOException;
import java.util.Locale;

/**
 * The data of a run, from {@link DataSources} (SPEC §3's {@code --data}): what it trains on, and
 * the held-out part it validates on after every epoch and reports the final test accuracy on
 * (Fashion-MNIST's 10000 test images; a held-out tenth of a folder or an {@code .npz}; a
 * separately drawn {@code shapes} set). Nothing is chosen on the held-out part (no early
 * stopping), so using it for both does not flatter the test figure.
 *
 * @param source how the user named it ({@code fashion-mnist}, {@code shapes}, a path)
 * @param test   null when the source is too small to hold anything out
 * @param how    one line on where the parts came from, for the log and the report
 */
public record DataSplit(String source, Dataset train, Dataset test, String how) {

    public int testSize() {
        return test == null ? 0 : test.size();
    }

    /**
     * @param loss    the model's loss, which picks the kind of {@code shapes} data
     * @param outputs the size of the model's trained output (the landmark count for a landmarks head)
     * @param yolo    the model's yolo heads when its loss is yolo: {@code shapes} boxes are encoded
     *                into their grids ({@link YoloTargetData}); null otherwise
     * @throws IOException with a user-ready message
     */
    public static DataSplit open(String spec, int height, int width, int channels, String loss, int outputs,
                                 YoloHeads yolo, long seed) throws IOException {
        DataSources.Task task;
        int landmarks = 0;
        switch (loss) {
            case "localization":
                task = DataSources.Task.LOCALIZATION;
                break;
            case "landmarks":
                task = DataSources.Task.LANDMARKS;
                landmarks = (outputs - 1) / 2;
                break;
            case "yolo":
                task = DataSources.Task.DETECTION;
                if (!spec.equals("shapes") && !spec.endsWith(".npz")) {
                    throw new IOException("--data " + spec + ": a yolo head trains on boxes: use shapes, or an .npz "
                            + "whose y holds each image's target grids (" + outputs + " values per image)");
                }
                break;
            default:
                task = DataSources.Task.CLASSIFICATION;
        }
        DataSources.TrainingData data = DataSources.open(spec, height, width, channels, task, landmarks, seed);
        if (yolo != null && data.train() instanceof DetectionDataset train
                && data.validation() instanceof DetectionDataset validation) {
            try {
                data = new DataSources.TrainingData(new YoloTargetData(train, yolo),
                        new YoloTargetData(validation, yolo));
            } catch (IllegalArgumentException e) {
                throw new IOException("--data " + spec + ": " + e.getMessage(), e);
            }
        }
        String name = spec.toLowerCase(Locale.ROOT).equals("fashion-mnist") ? "Fashion-MNIST"
                : spec.equals("shapes") ? "synthetic shapes (" + task.name().toLowerCase(Locale.ROOT) + ")" : spec;
        String held = spec.toLowerCase(Locale.ROOT).equals("fashion-mnist") ? "the test set"
                : spec.equals("shapes") ? "drawn apart" : "a held-out tenth";
        if (data.validation().size() == 0) {
            return new DataSplit(spec, data.train(), null, name + ": " + data.train().size()
                    + " train, too few to hold any out for testing");
        }
        return new DataSplit(spec, data.train(), data.validation(), name + ": " + data.train().size() + " train, "
                + data.validation().size() + " test (" + held + ", also validated on after every epoch)");
    }
}
