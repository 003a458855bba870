package cnn.compiler.resolve;

import cnn.compiler.diag.Reporter;
import cnn.compiler.syntax.Decl;
import cnn.compiler.syntax.Stmt;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recursive blocks (E0208), found from the text: a block that calls itself, directly or through
 * other blocks, is an error even when a condition would stop it, because a network's layers
 * must be known before it runs. Calls are followed into the files blocks come from.
 */
final class BlockCycles {

    private BlockCycles() {
    }

    /** Reports every cycle once; returns the blocks on a cycle. */
    static Set<Decl.Block> find(Collection<FileScope> scopes, Reporter reporter) {
        Map<Decl.Block, List<Decl.Block>> calls = new LinkedHashMap<>();
        for (FileScope s : scopes) {
            for (Decl d : s.source().decls()) {
                if (d instanceof Decl.Block b && s.lookup(b.name().name()) != null
                        && s.lookup(b.name().name()).decl() == b) {
                    List<Decl.Block> callees = new ArrayList<>();
                    collect(b.body(), s, callees);
                    calls.put(b, callees);
                }
            }
        }
        Set<Decl.Block> recursive = new HashSet<>();
        Set<Decl.Block> finished = new HashSet<>();
        for (Decl.Block b : calls.keySet()) {
            visit(b, calls, new ArrayList<>(), finished, recursive, reporter);
        }
        return recursive;
    }

    private static void visit(Decl.Block b, Map<Decl.Block, List<Decl.Block>> calls, List<Decl.Block> path,
                              Set<Decl.Block> finished, Set<Decl.Block> recursive, Reporter reporter) {
        if (finished.contains(b)) {
            return;
        }
        int at = path.indexOf(b);
        if (at >= 0) {
            List<Decl.Block> cycle = path.subList(at, path.size());
            if (cycle.stream().noneMatch(recursive::contains)) {
                List<String> names = new ArrayList<>();
                cycle.forEach(x -> names.add(x.name().name()));
                names.add(b.name().name());
                reporter.error("E0208", b.name().span(), "block " + b.name().name() + " is recursive: "
                        + String.join(" → ", names), "blocks cannot call themselves; use repeat or for to repeat layers");
            }
            recursive.addAll(cycle);
            return;
        }
        path.add(b);
        for (Decl.Block c : calls.getOrDefault(b, List.of())) {
            visit(c, calls, path, finished, recursive, reporter);
        }
        path.remove(path.size() - 1);
        finished.add(b);
    }

    private static void collect(List<Stmt> body, FileScope scope, List<Decl.Block> out) {
        for (Stmt s : body) {
            if (s instanceof Stmt.Invoke i) {
                FileScope.Visible v = scope.lookup(i.callee().name());
                if (v != null && v.decl() instanceof Decl.Block b) {
                    out.add(b);
                }
            } else if (s instanceof Stmt.Residual r) {
                collect(r.body(), scope, out);
                r.shortcut().ifPresent(sc -> collect(sc.body(), scope, out));
            } else if (s instanceof Stmt.BranchMerge m) {
                m.branches().forEach(br -> collect(br.body(), scope, out));
            } else if (s instanceof Stmt.Repeat r) {
                collect(r.body(), scope, out);
            } else if (s instanceof Stmt.For f) {
                collect(f.body(), scope, out);
            } else if (s instanceof Stmt.If i) {
                collect(i.then(), scope, out);
                collect(i.otherwise(), scope, out);
            } else if (s instanceof Stmt.Frozen f) {
                collect(f.body(), scope, out);
            }
        }
    }
}
