package cnn.maven;

import cnn.compiler.diag.Diagnostic;
import cnn.compiler.diag.Renderer;
import cnn.compiler.diag.SourceSpan;

/**
 * One diagnostic on one line in the form IDEs turn into a link to the spot, the same as
 * maven-compiler-plugin prints for javac: {@code /path/model.cnn:[14,9] message}.
 */
final class IdeFormat {

    private IdeFormat() {
    }

    static String line(Diagnostic d) {
        SourceSpan span = d.span();
        String where = span.isKnown() ? span.file() + ":[" + span.line() + "," + span.column() + "]" : span.file() + ":";
        return where + " " + Renderer.printable(d.message());
    }
}
