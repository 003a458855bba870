package cnn.compiler.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code cnnc}: the command line (SPEC §3). Each subcommand is one class, registered in
 * {@link #SUBCOMMANDS}. Exit codes: 0 clean or warnings, 1 errors, 2 usage. A user never sees
 * a stack trace: anything unexpected becomes one line on stderr.
 */
@Command(name = "cnnc", mixinStandardHelpOptions = true, version = "cnnc 0.1.0",
        description = "Compiles .cnn network descriptions: checks every shape, summarises, generates Java.",
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run 'cnnc COMMAND --help' for a command's options."})
public final class Cnnc implements Runnable {

    public static final int OK = 0;
    public static final int ERRORS = 1;
    public static final int USAGE = 2;

    /** One line per subcommand; other stages add theirs here. */
    static final List<Supplier<Object>> SUBCOMMANDS = List.of(
            CheckCommand::new,
            SummaryCommand::new,
            GenerateCommand::new,
            InitCommand::new,
            PredictCommand::new,
            TrainCommand::new,
            DetectCommand::new,
            ScanCommand::new,
            FeaturesCommand::new,
            SubsetCommand::new);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** {@code cnnc} alone prints usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs cnnc with these arguments; for tests, with the output captured. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        try {
            CommandLine cl = commandLine(out, err);
            return cl.execute(args);
        } catch (Throwable t) {
            err.println("cnnc: internal error: " + t);
            err.flush();
            return ERRORS;
        } finally {
            out.flush();
            err.flush();
        }
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Cnnc());
        for (Supplier<Object> s : SUBCOMMANDS) {
            cl.addSubcommand(s.get());
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(e -> USAGE);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("cnnc: " + ex.getMessage());
            c.getErr().println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("cnnc: " + (ex instanceof CliException ? ex.getMessage() : "internal error: " + ex));
            return ex instanceof CliException ce ? ce.exitCode() : ERRORS;
        });
        return cl;
    }
}
