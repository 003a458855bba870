package cnn.compiler.cli;

import cnn.compiler.Compilation;
import cnn.compiler.graph.Network;
import cnn.compiler.transfer.FeatureCache;
import cnn.compiler.transfer.TransferException;
import cnn.compiler.transfer.WholeData;
import cnn.runtime.data.Dataset;
import cnn.runtime.io.FloatArray;
import cnn.runtime.kernels.Parallel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cnnc features FILE --model M --until NAME --weights W.npz --data DATA -o F.npz}: runs
 * M's layers up to NAME once over DATA and saves the features as a dataset, on which a head
 * model ({@code input HxWxC} of the features) trains with {@code cnnc train --data F.npz}.
 */
@Command(name = "features", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a model's layers up to NAME once over a dataset and saves the features (x) with the "
                + "labels (y) as an .npz dataset: train a head on it with cnnc train --data F.npz.",
            "A vector of K features is saved as N x 1 x 1 x K: the head model takes input 1x1xK and flattens."})
public final class FeaturesCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the .cnn file")
    Path file;

    @Option(names = {"-m", "--model"}, paramLabel = "M", description = "the model (needed when FILE has several)")
    String model;

    @Option(names = "--until", required = true, paramLabel = "NAME",
            description = "the layer or named tensor whose output is saved; it and every layer it reads run")
    String until;

    @Option(names = "--weights", required = true, paramLabel = "W.npz",
            description = "the weights of those layers: M's weights file, or that of the model M reuses them from "
                    + "(the names are the same); repeat to combine files; other tensors are ignored")
    List<Path> weights;

    @Option(names = "--data", required = true, paramLabel = "DATA",
            description = "fashion-mnist, a folder with one subfolder of images per class, or an .npz with x and y; "
                    + "all of it, in order")
    String data;

    @Option(names = "--part", paramLabel = "train|test", defaultValue = "train",
            description = "for fashion-mnist: its training (default) or test set")
    String part;

    @Option(names = "-o", required = true, paramLabel = "F.npz", description = "the features file to write")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        return CliRun.guarded("features", err, () -> {
            WholeData.Part which = switch (part) {
                case "train" -> WholeData.Part.TRAIN;
                case "test" -> WholeData.Part.TEST;
                default -> throw new CliException("--part must be train or test, got " + part, Cnnc.USAGE);
            };
            Compilation c = Models.compile(List.of(file), err);
            Network n = Models.select(c, model, file);
            FeatureCache.Extractor extractor;
            try {
                extractor = FeatureCache.extractor(n, until, weights, Parallel.common());
            } catch (TransferException e) {
                throw new CliException(e.getMessage(), Cnnc.ERRORS);
            }
            Dataset d = WholeData.open(data, which, (int) n.input().h(),
                    (int) n.input().w(), (int) n.input().c());
            long start = System.nanoTime();
            FloatArray features = extractor.run(d);
            double seconds = (System.nanoTime() - start) / 1e9;
            FeatureCache.write(output, features, d);
            int[] s = extractor.featureShape();
            out.println(String.format(Locale.ROOT, "%s: features of %d samples at %s (%dx%dx%d each) in %.1f s "
                    + "(%.0f samples/s)", output, d.size(), until, s[0], s[1], s[2], seconds,
                    d.size() / Math.max(seconds, 1e-9)));
            out.flush();
            return Cnnc.OK;
        });
    }
}
