package cnn.compiler.cli;

import cnn.compiler.Compilation;
import cnn.compiler.Compiler;
import cnn.compiler.graph.Network;
import cnn.compiler.resolve.SourceRoots;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Compiling the files named on the command line and choosing a model, for generate, init and predict. */
final class Models {

    private Models() {
    }

    /** {@link #compile(List, SourceRoots, PrintWriter)} with imports kept beside the files. */
    static Compilation compile(List<Path> files, PrintWriter err) throws CliException {
        return compile(files, SourceRoots.besideFiles(files), err);
    }

    /** Compiles the files, prints every diagnostic to {@code err}, and fails if any is an error. */
    static Compilation compile(List<Path> files, SourceRoots roots, PrintWriter err) throws CliException {
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new CliException(f + ": no such file", Cnnc.ERRORS);
            }
        }
        Compilation c = Compiler.compile(files, roots);
        if (!c.diagnostics().isEmpty()) {
            err.print(c.render());
            err.flush();
        }
        if (c.hasErrors()) {
            long n = c.diagnostics().stream().filter(d -> d.isError()).count();
            throw new CliException(n == 1 ? "1 error" : n + " errors", Cnnc.ERRORS);
        }
        return c;
    }

    /** The model named {@code name}, or the only model when {@code name} is null. */
    static Network select(Compilation c, String name, Path file) throws CliException {
        List<Network> nets = c.networks();
        if (nets.isEmpty()) {
            throw new CliException(file + ": no model in this file", Cnnc.ERRORS);
        }
        String names = nets.stream().map(Network::name).collect(Collectors.joining(", "));
        if (name == null) {
            if (nets.size() > 1) {
                throw new CliException(file + " has several models (" + names + "): choose one with --model",
                        Cnnc.ERRORS);
            }
            return nets.get(0);
        }
        for (Network n : nets) {
            if (n.name().equals(name)) {
                return n;
            }
        }
        throw new CliException(file + ": no model " + name + " (models: " + names + ")", Cnnc.ERRORS);
    }
}
