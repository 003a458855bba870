package cnn.compiler.cli;

import cnn.compiler.jit.JitException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** Runs a command body and turns every failure into one line on stderr and an exit code. */
final class CliRun {

    interface Body {
        int run() throws CliException, IOException, JitException;
    }

    private CliRun() {
    }

    static int guarded(String command, PrintWriter err, Body body) {
        try {
            return body.run();
        } catch (CliException e) {
            err.println("cnnc " + command + ": " + e.getMessage());
            return e.exitCode();
        } catch (IOException | JitException e) {
            // messages from the weights loader already name the file and tensor
            err.println("cnnc " + command + ": " + e.getMessage());
            return 1;
        } catch (UncheckedIOException e) {
            err.println("cnnc " + command + ": " + e.getCause().getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("cnnc " + command + ": " + e.getMessage());
            return 1;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            err.println("cnnc " + command + ": internal error (please report it): " + e);
            return 1;
        } finally {
            err.flush();
        }
    }
}
