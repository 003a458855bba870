package cnn.compiler.resolve;

import cnn.compiler.diag.Reporter;
import cnn.compiler.diag.SourceSpan;
import cnn.compiler.syntax.Decl;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every model of a compilation, resolved once on first use: a root file's models, or a model
 * another one reuses ({@code use}, {@code slide}) from any file. A model that reuses itself,
 * directly or through others, is E0214.
 */
final class Program {

    private final Reporter reporter;
    private final Map<Decl, Optional<ResolvedModel>> done = new HashMap<>();
    private final Deque<Decl> inProgress = new ArrayDeque<>();

    private final Set<Decl.Block> recursive;

    Program(Reporter reporter, Set<Decl.Block> recursive) {
        this.reporter = reporter;
        this.recursive = recursive;
    }

    /** Blocks on a call cycle, already reported: calls to them make nothing, silently. */
    boolean isRecursive(Decl.Block b) {
        return recursive.contains(b);
    }

    /**
     * The model, resolved; empty when it has errors (reported once, where it is defined) or
     * when it reuses itself (reported at {@code usedAt}).
     */
    Optional<ResolvedModel> model(Decl decl, FileScope owner, SourceSpan usedAt) {
        Optional<ResolvedModel> known = done.get(decl);
        if (known != null) {
            return known;
        }
        if (inProgress.contains(decl)) {
            reporter.error("E0214", usedAt, "model " + decl.name().name() + " reuses itself: "
                    + reversedChain() + " → " + decl.name().name(), "a model cannot use or slide itself");
            return Optional.empty();
        }
        inProgress.push(decl);
        Optional<ResolvedModel> result;
        try {
            if (decl instanceof Decl.Model m) {
                result = new ModelResolver(this, owner, m.name().name(), reporter).resolve(m);
            } else {
                result = new Slider(this, owner, reporter).resolve((Decl.Slide) decl);
            }
        } finally {
            inProgress.pop();
        }
        done.put(decl, result);
        return result;
    }

    private String reversedChain() {
        StringBuilder sb = new StringBuilder();
        var it = inProgress.descendingIterator();
        while (it.hasNext()) {
            if (sb.length() > 0) {
                sb.append(" → ");
            }
            sb.append(it.next().name().name());
        }
        return sb.toString();
    }
}
