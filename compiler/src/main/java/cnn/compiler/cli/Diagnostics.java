package cnn.compiler.cli;

import cnn.compiler.Compilation;
import cnn.compiler.diag.Diagnostic;
import java.io.PrintWriter;

/** Prints a compilation's diagnostics to stderr, and a count when there are any. */
public final class Diagnostics {

    private Diagnostics() {
    }

    /** @return {@link Cnnc#ERRORS} when there are errors, {@link Cnnc#OK} otherwise */
    public static int print(Compilation c, PrintWriter err) {
        if (c.diagnostics().isEmpty()) {
            return Cnnc.OK;
        }
        err.print(c.render());
        long errors = c.diagnostics().stream().filter(Diagnostic::isError).count();
        long warnings = c.diagnostics().size() - errors;
        StringBuilder sb = new StringBuilder();
        if (errors > 0) {
            sb.append(errors).append(errors == 1 ? " error" : " errors");
        }
        if (warnings > 0) {
            sb.append(sb.length() > 0 ? ", " : "").append(warnings).append(warnings == 1 ? " warning" : " warnings");
        }
        err.println(sb);
        err.flush();
        return errors > 0 ? Cnnc.ERRORS : Cnnc.OK;
    }
}
