package cnn.compiler.cli;

import cnn.compiler.Compilation;
import cnn.compiler.graph.Network;
import cnn.compiler.jit.JitModels;
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

/** {@code cnnc init FILE --model M --seed S -o W.npz}: a freshly initialised weights file. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write initial weights (He/Xavier per layer, seeded) for a model.")
public final class InitCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = ".cnn file")
    Path file;

    @Option(names = "--model", paramLabel = "M", description = "model name (needed when the file has several)")
    String model;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "-o", required = true, paramLabel = "W.npz", description = "weights file to write")
    Path output;

    @Mixin
    ImportOption imports = new ImportOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        return CliRun.guarded("init", err, () -> {
            Compilation c = Models.compile(List.of(file), imports.roots(List.of(file)), err);
            Network n = Models.select(c, model, file);
            JitModels.compile(n).init(seed).save(output);
            spec.commandLine().getOut().println(output);
            spec.commandLine().getOut().flush();
            return 0;
        });
    }
}
