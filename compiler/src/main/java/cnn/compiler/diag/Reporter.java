package cnn.compiler.diag;

import java.util.ArrayList;
import java.util.List;

/** Gathers the diagnostics of a compilation; every stage reports here instead of throwing. */
public final class Reporter {

    private final List<Diagnostic> diagnostics = new ArrayList<>();
    /** Kept as reports come: stages ask for it after every model, and counting was quadratic. */
    private int errors;

    public void report(Diagnostic d) {
        diagnostics.add(d);
        if (d.isError()) {
            errors++;
        }
    }

    public Diagnostic error(String code, SourceSpan span, String message) {
        Diagnostic d = Diagnostic.error(code, span, message);
        report(d);
        return d;
    }

    public void error(String code, SourceSpan span, String message, String hint) {
        report(Diagnostic.error(code, span, message).withHint(hint));
    }

    public void warning(String code, SourceSpan span, String message, String hint) {
        report(new Diagnostic(code, Severity.WARNING, span, message, hint));
    }

    public boolean hasErrors() {
        return errors > 0;
    }

    /** Errors reported so far, a finding reported twice counted twice. */
    public int errorCount() {
        return errors;
    }

    public List<Diagnostic> diagnostics() {
        return List.copyOf(diagnostics);
    }
}
