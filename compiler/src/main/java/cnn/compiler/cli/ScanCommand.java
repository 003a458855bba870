package cnn.compiler.cli;

import cnn.compiler.Compilation;
import cnn.compiler.cli.detect.Scan;
import cnn.compiler.graph.Network;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cnnc scan FILE --model S --weights D.npz}: runs the sliding-window model S once over an
 * image and its detector D on every window, shows that the scores agree and how much faster the
 * one pass is (the lecture notes' convolutional implementation of sliding windows).
 */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a 'slide D over …' model once over an image and D on every window of it: checks the "
                + "scores agree and reports how much faster the one pass is."})
public final class ScanCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the .cnn file with the slide model and its detector")
    Path file;

    @Option(names = {"-m", "--model"}, paramLabel = "S",
            description = "the sliding-window model (needed when the file has several)")
    String model;

    @Option(names = "--weights", required = true, paramLabel = "D.npz", description = "the detector's trained weights")
    Path weights;

    @Option(names = "--input", paramLabel = "IMAGE",
            description = "a PNG, JPEG, BMP or GIF scaled to the model's input (default: a shapes image)")
    Path input;

    @Option(names = "--shapes", paramLabel = "SEED", defaultValue = "1",
            description = "the seed of the shapes image when there is no --input (default: ${DEFAULT-VALUE})")
    long shapes;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "20",
            description = "timed runs of each way, after as many to warm up (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--labels", paramLabel = "A,B,…", description = "class names for the map of windows")
    String labels;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        return CliRun.guarded("scan", err, () -> {
            if (repeat < 1) {
                throw new CliException("--repeat must be at least 1, got " + repeat, Cnnc.USAGE);
            }
            Compilation c = Models.compile(List.of(file), err);
            Network scanner = model != null ? Models.select(c, model, file) : onlySlide(c);
            String detectorName = scanner.weightsFrom().orElseThrow(() -> new CliException("model " + scanner.name()
                    + " is not a sliding window ('model S = slide D over SHAPE'); cnnc scan runs one", 1));
            Network detector = c.network(detectorName).orElseThrow(() -> new CliException("the detector "
                    + detectorName + " of " + scanner.name() + " is not in " + file, 1));
            Scan.run(new Scan.Request(scanner, detector, weights, input, shapes, repeat, labels),
                    spec.commandLine().getOut());
            return Cnnc.OK;
        });
    }

    private Network onlySlide(Compilation c) {
        List<Network> slides = c.networks().stream().filter(n -> n.weightsFrom().isPresent()).toList();
        if (slides.size() != 1) {
            throw new CliException(file + " has " + (slides.isEmpty() ? "no" : slides.size()) + " sliding-window "
                    + "models" + (slides.isEmpty() ? "" : ": choose one with --model"), 1);
        }
        return slides.get(0);
    }
}
