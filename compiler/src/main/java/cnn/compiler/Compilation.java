package cnn.compiler;

import cnn.compiler.diag.Diagnostic;
import cnn.compiler.diag.Renderer;
import cnn.compiler.graph.Network;
import java.util.List;
import java.util.Optional;

/**
 * The result of compiling one or more {@code .cnn} files: every model that resolved, and every
 * diagnostic of every file (sorted by file, line, column).
 */
public record Compilation(List<Network> networks, List<Diagnostic> diagnostics, SourceSet sources) {

    public Compilation {
        networks = List.copyOf(networks);
        diagnostics = List.copyOf(diagnostics);
    }

    /** The model of that name, if it compiled. */
    public Optional<Network> network(String name) {
        return networks.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** All diagnostics rendered as SPEC §2 shows them, each followed by a blank line. */
    public String render() {
        return Renderer.render(diagnostics, sources.texts());
    }
}
