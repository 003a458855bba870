package cnn.compiler.diag;

import java.util.ArrayList;
import java.util.List;

/** Gathers the diagnostics of a compilation; every stage reports here instead of throwing. */
public final class Reporter {

    private final List<Diagnostic> diagnostics = new ArrayList<>();

    public void report(Diagnostic d) {
        diagnostics.add(d);
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
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public int errorCount() {
        return (int) diagnostics.stream().filter(Diagnostic::isError).count();
    }

    public List<Diagnostic> diagnostics() {
        return List.copyOf(diagnostics);
    }
}
