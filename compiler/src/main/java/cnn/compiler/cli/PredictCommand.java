package cnn.compiler.cli;

import cnn.compiler.Compilation;
import cnn.compiler.graph.Network;
import cnn.compiler.jit.JitModels;
import cnn.runtime.model.Model;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cnnc predict FILE --model M --weights W.npz --input X.npy --output Y.npy}: runs the
 * model's generated class, compiled in memory, on an {@code N x H x W x C} batch.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Run a model on an N x H x W x C float32 batch; several outputs are written as an .npz.")
public final class PredictCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = ".cnn file")
    Path file;

    @Option(names = "--model", paramLabel = "M", description = "model name (needed when the file has several)")
    String model;

    @Option(names = "--weights", required = true, paramLabel = "W.npz", description = "weights file")
    Path weights;

    @Option(names = "--input", required = true, paramLabel = "X.npy", description = "N x H x W x C float32 batch")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "Y.npy",
            description = "output .npy (one output) or .npz (several, keyed by output name)")
    Path output;

    @Mixin
    ImportOption imports = new ImportOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        return CliRun.guarded("predict", err, () -> {
            Compilation c = Models.compile(List.of(file), imports.roots(List.of(file)), err);
            Network n = Models.select(c, model, file);
            Model m = JitModels.compile(n).load(weights);
            Predictions.run(m, input, output);
            return 0;
        });
    }
}
