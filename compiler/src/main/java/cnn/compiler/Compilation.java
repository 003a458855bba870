package cnn.compiler;

import cnn.compiler.diag.Diagnostic;
import cnn.compiler.graph.Network;
import java.util.List;

/**
 * The result of compiling one or more {@code .cnn} files: every model that resolved, and every
 * diagnostic of every file (sorted by file, line, column).
 */
public record Compilation(List<Network> networks, List<Diagnostic> diagnostics, SourceSet sources) {

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** All diagnostics rendered as SPEC §2 shows them, each followed by a blank line. */
    public String render() {
        throw new UnsupportedOperationException("rendering is being written");
    }
}
