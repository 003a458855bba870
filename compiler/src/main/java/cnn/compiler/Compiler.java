package cnn.compiler;

import cnn.compiler.diag.Diagnostic;
import cnn.compiler.diag.Renderer;
import cnn.compiler.diag.Reporter;
import cnn.compiler.diag.SourceSpan;
import cnn.compiler.graph.Network;
import cnn.compiler.resolve.Loader;
import cnn.compiler.resolve.Resolver;
import cnn.compiler.resolve.SourceRoots;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The front end in one call: parse, resolve imports and blocks, infer and check shapes. */
public final class Compiler {

    private Compiler() {
    }

    /**
     * Compiles files (and what they import); never throws for bad input, only reports. Imports
     * must stay in the folders of the files given (E0219).
     */
    public static Compilation compile(List<Path> files) {
        return compile(files, SourceRoots.besideFiles(files));
    }

    /** Compiles files whose imports must stay under {@code roots} ({@link SourceRoots#anywhere()}: no limit). */
    public static Compilation compile(List<Path> files, SourceRoots roots) {
        return run(loader -> {
            List<Loader.Loaded> loaded = new ArrayList<>();
            for (Path p : files) {
                loaded.add(loader.root(p.toString()));
            }
            return loaded;
        }, files.isEmpty() ? "" : files.get(0).toString(), roots);
    }

    /**
     * For tests and tools: compiles source text as if read from a file of that name (imports
     * resolve beside it and must stay in its folder).
     */
    public static Compilation compileSource(String fileName, String text) {
        return run(loader -> List.of(loader.root(fileName, text)), fileName,
                SourceRoots.besideFiles(List.of(Path.of(fileName))));
    }

    private static Compilation run(Function<Loader, List<Loader.Loaded>> load, String firstFile, SourceRoots roots) {
        Reporter reporter = new Reporter();
        Loader loader = new Loader(reporter, roots);
        List<Network> networks = List.of();
        try {
            List<Loader.Loaded> files = load.apply(loader);
            networks = Resolver.resolve(files, loader, reporter);
        } catch (StackOverflowError e) {
            // the syntax limits (SourceLimits) keep every stage well within the stack; the last resort
            reporter.error("E0108", SourceSpan.at(firstFile, 1, 1), "the source is nested too deeply to compile",
                    "split deeply nested expressions or blocks into constants and blocks");
            networks = List.of();
        } catch (RuntimeException e) {
            // a compiler bug: say so in one line instead of a stack trace
            reporter.error("E0001", SourceSpan.none(firstFile), "internal compiler error: " + e
                    + " (please report it with the source that caused it)", null);
            networks = List.of();
        }
        // a model with errors (or reusing one) is not among the networks; the others are
        List<Diagnostic> sorted = sorted(reporter.diagnostics());
        return new Compilation(networks, sorted, new SourceSet(Map.copyOf(loader.texts())));
    }

    /** By file, line and column; the same finding reported twice (a block called twice) once. */
    private static List<Diagnostic> sorted(List<Diagnostic> all) {
        List<Diagnostic> unique = new ArrayList<>(new LinkedHashSet<>(all));
        unique.sort(Renderer.ORDER);
        return unique;
    }
}
