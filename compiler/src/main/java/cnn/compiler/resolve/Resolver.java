package cnn.compiler.resolve;

import cnn.compiler.diag.Reporter;
import cnn.compiler.graph.Network;
import cnn.compiler.syntax.Decl;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loaded files to networks: scopes per file (own names and imports), every constant checked,
 * every model of the root files resolved (and what they reuse from other files).
 */
public final class Resolver {

    private Resolver() {
    }

    /** The models of {@code roots} that compiled, in file and declaration order. */
    public static List<Network> resolve(List<Loader.Loaded> roots, Loader loader, Reporter reporter) {
        Map<Loader.Loaded, FileScope> scopes = new IdentityHashMap<>();
        for (Loader.Loaded f : loader.files().values()) {
            if (f.ast.isPresent() && f.complete) {
                FileScope s = new FileScope(f.ast.get(), reporter);
                s.declareOwn();
                scopes.put(f, s);
            }
        }
        for (Map.Entry<Loader.Loaded, FileScope> e : scopes.entrySet()) {
            Loader.Loaded f = e.getKey();
            for (int i = 0; i < f.imports.size(); i++) {
                FileScope dep = scopes.get(f.imports.get(i));
                if (dep != null) {
                    e.getValue().importFrom(dep, f.importSpans.get(i));
                }
            }
        }
        Program program = new Program(reporter, BlockCycles.find(scopes.values(), reporter));
        List<Network> out = new ArrayList<>();
        List<Loader.Loaded> done = new ArrayList<>();
        for (Loader.Loaded root : roots) {
            if (root == null || done.contains(root)) {
                continue;
            }
            done.add(root);
            FileScope scope = scopes.get(root);
            if (scope == null) {
                continue;
            }
            for (Decl d : scope.source().decls()) {
                FileScope.Visible v = scope.lookup(d.name().name());
                if (v == null || v.decl() != d) {
                    continue;
                }
                if (d instanceof Decl.Model || d instanceof Decl.Slide) {
                    Optional<ResolvedModel> m = program.model(d, scope, d.name().span());
                    m.ifPresent(r -> out.add(r.network()));
                }
            }
        }
        // every other file read: its errors are reported too, its models are not outputs
        for (FileScope s : scopes.values()) {
            for (Decl d : s.source().decls()) {
                FileScope.Visible v = s.lookup(d.name().name());
                if (v != null && v.decl() == d && (d instanceof Decl.Model || d instanceof Decl.Slide)) {
                    program.model(d, s, d.name().span());
                }
            }
            s.checkConstants();
        }
        return out;
    }
}
