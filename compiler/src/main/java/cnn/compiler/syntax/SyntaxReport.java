package cnn.compiler.syntax;

import cnn.compiler.diag.Reporter;
import cnn.compiler.diag.SourceSpan;
import java.util.HashSet;
import java.util.Set;
import org.antlr.v4.runtime.Token;

/**
 * The syntax errors of one file. At most one per line: after the first mistake on a line the
 * parser's recovery often stumbles over the rest of it, and those follow-on errors only hide
 * the real one.
 */
final class SyntaxReport {

    private final String file;
    private final Reporter reporter;
    private final Set<Integer> lines = new HashSet<>();
    private int count;
    private boolean openComment;

    SyntaxReport(String file, Reporter reporter) {
        this.file = file;
        this.reporter = reporter;
    }

    String file() {
        return file;
    }

    int count() {
        return count;
    }

    /** An unterminated comment swallows the rest of the file, closing braces included. */
    void commentRunsToEnd() {
        openComment = true;
    }

    boolean commentRunsToEndSeen() {
        return openComment;
    }

    void error(String code, Token at, String message, String hint) {
        error(code, Spans.of(file, at), message, hint);
    }

    void error(String code, SourceSpan span, String message, String hint) {
        count++;
        if (lines.add(span.line())) {
            reporter.error(code, span, message, hint);
        }
    }
}
