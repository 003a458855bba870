package cnn.compiler.cli;

import cnn.compiler.Compilation;
import cnn.compiler.Compiler;
import cnn.compiler.graph.Network;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cnnc summary FILE [--model M] [--format table|json]}: per layer name, op, shape, params, MACs; totals. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Prints each layer's output shape, parameters and MACs, and the model's totals.")
public final class SummaryCommand implements Callable<Integer> {

    enum Format { table, json }

    @Parameters(index = "0", paramLabel = "FILE", description = "the .cnn file")
    private Path file;

    @Option(names = {"-m", "--model"}, paramLabel = "M", description = "the model to summarise (default: every model)")
    private String model;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (default: ${DEFAULT-VALUE})")
    private Format format;

    @CommandLine.Mixin
    private ImportOption imports = new ImportOption();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Compilation c = Compiler.compile(List.of(file), imports.roots(List.of(file)));
        PrintWriter out = spec.commandLine().getOut();
        int code = Diagnostics.print(c, spec.commandLine().getErr());
        if (code != Cnnc.OK) {
            return code;
        }
        List<Network> networks = c.networks();
        if (model != null) {
            Optional<Network> n = c.network(model);
            if (n.isEmpty()) {
                throw new CliException("no model " + model + " in " + file + (networks.isEmpty() ? ""
                        : " (its models: " + String.join(", ", networks.stream().map(Network::name).toList()) + ")"),
                        Cnnc.USAGE);
            }
            networks = List.of(n.get());
        }
        if (networks.isEmpty()) {
            throw new CliException(file + " defines no model", Cnnc.ERRORS);
        }
        if (format == Format.json) {
            out.println(networks.size() == 1 ? SummaryFormat.json(networks.get(0)) : SummaryFormat.jsonArray(networks));
        } else {
            for (int i = 0; i < networks.size(); i++) {
                if (i > 0) {
                    out.println();
                }
                out.print(SummaryFormat.table(networks.get(i)));
            }
        }
        out.flush();
        return Cnnc.OK;
    }
}
