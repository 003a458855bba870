package cnn.compiler.cli;

import cnn.compiler.Compilation;
import cnn.compiler.Compiler;
import cnn.compiler.graph.Network;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cnnc check FILE…}: diagnostics on stderr; exit 0 clean or warnings, 1 errors. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Checks .cnn files: syntax, names, arguments and every tensor shape.")
public final class CheckCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "the .cnn files to check")
    private List<Path> files;

    @CommandLine.Mixin
    private ImportOption imports = new ImportOption();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Compilation c = Compiler.compile(files, imports.roots(files));
        PrintWriter out = spec.commandLine().getOut();
        int code = Diagnostics.print(c, spec.commandLine().getErr());
        if (code == Cnnc.OK) {
            List<String> models = c.networks().stream().map(Network::name).toList();
            out.println("ok: " + files.size() + (files.size() == 1 ? " file, " : " files, ") + models.size()
                    + (models.size() == 1 ? " model" : " models") + (models.isEmpty() ? "" : " (" + String.join(", ",
                    models) + ")"));
        }
        return code;
    }
}
