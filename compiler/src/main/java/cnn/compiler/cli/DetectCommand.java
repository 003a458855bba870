package cnn.compiler.cli;

import cnn.compiler.Compilation;
import cnn.compiler.cli.detect.Detect;
import cnn.compiler.graph.Network;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cnnc detect FILE --weights W.npz (--input IMAGE | --shapes SEED) [--out PNG]}: runs a
 * model with a {@code yolo}, {@code localize} or {@code landmarks} head on one image, prints what
 * it finds as a table and writes the image with the boxes drawn and labelled.
 */
@Command(name = "detect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a detection model (yolo, localize or landmarks head) on one image: prints the boxes "
                + "and writes a PNG with them drawn and labelled."})
public final class DetectCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the .cnn file")
    Path file;

    @Option(names = {"-m", "--model"}, paramLabel = "M", description = "model name (needed when the file has several)")
    String model;

    @Option(names = "--weights", required = true, paramLabel = "W.npz", description = "the trained weights")
    Path weights;

    /** Exactly one image source. */
    static final class Source {
        @Option(names = "--input", paramLabel = "IMAGE",
                description = "a PNG, JPEG, BMP or GIF (scaled to the model's input), or an .npy H x W x C float32")
        Path input;

        @Option(names = "--shapes", paramLabel = "SEED",
                description = "a new synthetic shapes image drawn with this seed, of the kind the head trains on; "
                        + "its real objects are printed too")
        Long shapes;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = {"-o", "--out"}, paramLabel = "PNG",
            description = "the picture to write (default: <image>-detections.png)")
    Path out;

    @Option(names = "--threshold", paramLabel = "S", defaultValue = "0.5",
            description = "the score a box (or the landmarks' presence) must reach (default: ${DEFAULT-VALUE})")
    double threshold;

    @Option(names = "--iou", paramLabel = "T", defaultValue = "0.45",
            description = "non-max suppression drops a box overlapping a better one of its class by more than this "
                    + "(default: ${DEFAULT-VALUE})")
    double iou;

    @Option(names = "--labels", paramLabel = "A,B,…",
            description = "class names in class order (default: circle,square,triangle for --shapes, else class 0, …)")
    String labels;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        return CliRun.guarded("detect", err, () -> {
            if (!(threshold >= 0 && threshold <= 1)) {
                throw new CliException("--threshold must be in [0, 1], got " + threshold, Cnnc.USAGE);
            }
            if (!(iou >= 0 && iou <= 1)) {
                throw new CliException("--iou must be in [0, 1], got " + iou, Cnnc.USAGE);
            }
            Compilation c = Models.compile(List.of(file), err);
            Network n = Models.select(c, model, file);
            Detect.Request request = new Detect.Request(n, weights, source.input, source.shapes, out, threshold, iou,
                    labels);
            Detect.run(request, stdout);
            return Cnnc.OK;
        });
    }
}
