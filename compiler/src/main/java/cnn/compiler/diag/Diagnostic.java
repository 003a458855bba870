package cnn.compiler.diag;

/**
 * One finding about a source file. User mistakes are values of this type, never exceptions.
 *
 * @param code    E01xx syntax, E02xx names and arguments, E03xx shapes, E04xx values, W01xx warnings
 * @param message one line, naming the layer and the shapes involved
 * @param hint    how to fix it, or null
 */
public record Diagnostic(String code, Severity severity, SourceSpan span, String message, String hint) {

    public static Diagnostic error(String code, SourceSpan span, String message) {
        return new Diagnostic(code, Severity.ERROR, span, message, null);
    }

    public static Diagnostic warning(String code, SourceSpan span, String message) {
        return new Diagnostic(code, Severity.WARNING, span, message, null);
    }

    public Diagnostic withHint(String newHint) {
        return new Diagnostic(code, severity, span, message, newHint);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
