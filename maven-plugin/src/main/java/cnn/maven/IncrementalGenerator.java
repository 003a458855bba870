package cnn.maven;

import cnn.compiler.Compilation;
import cnn.compiler.SourceSet;
import cnn.compiler.codegen.ClassClashes;
import cnn.compiler.diag.Diagnostic;
import cnn.compiler.graph.Network;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One run of the plugin without Maven: finds the model files, compiles those whose content or
 * imports changed since the last run, and writes the Java files whose text differs. Nothing is
 * written, and the state is not advanced, when a compilation has errors (or warnings under
 * {@code failOnWarning}), so the next build reports them again.
 */
final class IncrementalGenerator {

    /**
     * @param packageName  for files without a {@code package} line; blank for none
     * @param fingerprint  what else the output depends on: the compiler that runs
     */
    record Request(Path sourceDirectory, Path outputDirectory, Path stateFile, String packageName,
                   boolean failOnWarning, String fingerprint) {
        Request {
            sourceDirectory = sourceDirectory.toAbsolutePath().normalize();
            outputDirectory = outputDirectory.toAbsolutePath().normalize();
        }
    }

    /**
     * @param diagnostics every diagnostic of the files compiled this time, sorted by file, line, column
     * @param rendered    the same, rendered as {@code cnnc check} prints them; empty if there are none
     * @param problems    errors the compiler cannot see: two model files making the same class
     * @param notes       things worth a warning that are not diagnostics of a file
     */
    record Outcome(List<Diagnostic> diagnostics, String rendered, List<String> problems, List<String> notes,
                   int sources, int compiled, int models, int written, int unchanged, int deleted) {

        long errors() {
            return diagnostics.stream().filter(Diagnostic::isError).count() + problems.size();
        }

        long warnings() {
            return diagnostics.stream().filter(d -> !d.isError()).count();
        }

        int upToDate() {
            return sources - compiled;
        }
    }

    private static final Comparator<Diagnostic> POSITION = Comparator
            .comparing((Diagnostic d) -> d.span().file())
            .thenComparingInt(d -> d.span().line())
            .thenComparingInt(d -> d.span().column());

    private final CnnToolchain toolchain;

    IncrementalGenerator(CnnToolchain toolchain) {
        this.toolchain = toolchain;
    }

    Outcome run(Request request) throws IOException {
        List<Path> sources = SourceScanner.scan(request.sourceDirectory());
        BuildState previous = BuildState.load(request.stateFile());
        String configuration = configuration(request);
        boolean sameConfiguration = previous.fingerprint().equals(configuration);
        OutputWriter writer = new OutputWriter(request.outputDirectory());

        Map<Path, BuildState.Entry> next = new TreeMap<>();
        List<Path> stale = new ArrayList<>();
        for (Path source : sources) {
            BuildState.Entry entry = sameConfiguration ? previous.entry(source).orElse(null) : null;
            if (entry != null && isUpToDate(entry, writer)) {
                next.put(source, entry);
            } else {
                stale.add(source);
            }
        }

        Map<Path, Compilation> compilations = new LinkedHashMap<>();
        for (Path source : stale) {
            compilations.put(source, toolchain.compile(source));
        }
        List<Diagnostic> diagnostics = mergedDiagnostics(compilations.values());
        String rendered = diagnostics.isEmpty() ? "" : render(diagnostics, compilations.values());

        boolean hasErrors = diagnostics.stream().anyMatch(Diagnostic::isError);
        boolean blocked = hasErrors || (request.failOnWarning() && !diagnostics.isEmpty());
        if (blocked) {
            return new Outcome(diagnostics, rendered, List.of(), List.of(), sources.size(), stale.size(), 0, 0, 0, 0);
        }

        // Generate everything in memory first: a clash between two files must stop the build before any write.
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<Path, Path> owners = new LinkedHashMap<>();
        next.forEach((source, entry) -> entry.outputs().forEach(out -> owners.put(out, source)));
        Map<Path, List<JavaSource>> generated = new LinkedHashMap<>();
        int models = 0;
        for (Path source : stale) {
            List<JavaSource> files = new ArrayList<>();
            for (Network network : networksOf(compilations.get(source), source)) {
                models++;
                String packageName = packageFor(network, request, source, notes);
                List<JavaSource> sourcesOfModel;
                try {
                    sourcesOfModel = toolchain.generate(network, packageName);
                } catch (IllegalArgumentException e) {
                    // The generator refuses what cannot become Java (a model named like a Java keyword).
                    problems.add("model " + network.name() + " in " + source + " cannot be generated: "
                            + e.getMessage());
                    continue;
                }
                for (JavaSource file : sourcesOfModel) {
                    Path owner = owners.putIfAbsent(file.relativePath(), source);
                    if (owner != null && !owner.equals(source)) {
                        problems.add(file.qualifiedName() + " would be generated from both " + owner + " and " + source
                                + ": rename one of the models or give the files different packages");
                    } else {
                        files.add(file);
                    }
                }
            }
            generated.put(source, files);
        }
        // names that differ but cannot live together (p.Net and p.NET on macOS, class p.Q beside package p.Q)
        problems.addAll(ClassClashes.of(owners.keySet().stream()
                .map(p -> p.toString().replace('\\', '/').replaceAll("\\.java$", "").replace('/', '.')).toList()));
        if (!problems.isEmpty()) {
            return new Outcome(diagnostics, rendered, problems, notes, sources.size(), stale.size(), models, 0, 0, 0);
        }

        for (Map.Entry<Path, List<JavaSource>> e : generated.entrySet()) {
            List<Path> outputs = new ArrayList<>();
            for (JavaSource file : e.getValue()) {
                writer.write(file.relativePath(), file.text());
                outputs.add(file.relativePath());
            }
            next.put(e.getKey(), new BuildState.Entry(inputHashes(e.getKey(), compilations.get(e.getKey())), outputs));
        }
        if (previous.outputRoot().equals(request.outputDirectory())) {
            deleteOrphans(previous, next, writer);
        }
        new BuildState(configuration, request.outputDirectory(), next).save(request.stateFile());
        return new Outcome(diagnostics, rendered, problems, notes, sources.size(), stale.size(), models,
                writer.written(), writer.unchanged(), writer.deleted());
    }

    /** Everything besides the model files that decides what is generated; when it changes, nothing is up to date. */
    private static String configuration(Request request) {
        return ContentHash.of("tool=" + request.fingerprint() + "\npackage="
                + (request.packageName() == null ? "" : request.packageName().strip())
                + "\noutput=" + request.outputDirectory());
    }

    private static boolean isUpToDate(BuildState.Entry entry, OutputWriter writer) throws IOException {
        for (Map.Entry<Path, String> input : entry.inputs().entrySet()) {
            if (!ContentHash.ofFile(input.getKey()).equals(input.getValue())) {
                return false;
            }
        }
        // A generated file deleted by hand is made again.
        return entry.outputs().stream().allMatch(writer::exists);
    }

    /** The model file itself and every file the compiler read for it (its imports, transitively). */
    private static Map<Path, String> inputHashes(Path source, Compilation compilation) throws IOException {
        Set<Path> inputs = new LinkedHashSet<>();
        inputs.add(source);
        for (String name : compilation.sources().texts().keySet()) {
            inputs.add(SourcePaths.of(name, source));
        }
        Map<Path, String> hashes = new TreeMap<>();
        for (Path input : inputs) {
            hashes.put(input, ContentHash.ofFile(input));
        }
        return hashes;
    }

    /**
     * The models defined in {@code source} itself. Models of an imported file belong to that
     * file: generated from it if it is in the source directory, not at all if it is a library
     * outside it.
     */
    private static List<Network> networksOf(Compilation compilation, Path source) {
        return compilation.networks().stream()
                .filter(n -> n.span().file() == null || n.span().file().isBlank()
                        || SourcePaths.of(n.span().file(), source).equals(source))
                .toList();
    }

    private static String packageFor(Network network, Request request, Path source, List<String> notes) {
        if (!network.packageName().isBlank()) {
            return network.packageName();
        }
        if (request.packageName() != null && !request.packageName().isBlank()) {
            return request.packageName();
        }
        notes.add("model " + network.name() + " in " + source + " has no package line and no packageName is "
                + "configured: it is generated in the unnamed package, which code in a package cannot import");
        return "";
    }

    private static void deleteOrphans(BuildState previous, Map<Path, BuildState.Entry> next, OutputWriter writer)
            throws IOException {
        Set<Path> kept = new LinkedHashSet<>();
        next.values().forEach(e -> kept.addAll(e.outputs()));
        for (BuildState.Entry old : previous.entries().values()) {
            for (Path output : old.outputs()) {
                if (!kept.contains(output)) {
                    writer.delete(output);
                }
            }
        }
    }

    private static List<Diagnostic> mergedDiagnostics(Iterable<Compilation> compilations) {
        // A file imported by two stale models is checked twice: report each finding once.
        Set<Diagnostic> unique = new LinkedHashSet<>();
        compilations.forEach(c -> unique.addAll(c.diagnostics()));
        List<Diagnostic> sorted = new ArrayList<>(unique);
        sorted.sort(POSITION);
        return List.copyOf(sorted);
    }

    private static String render(List<Diagnostic> diagnostics, Iterable<Compilation> compilations) {
        Map<String, String> texts = new LinkedHashMap<>();
        compilations.forEach(c -> texts.putAll(c.sources().texts()));
        return new Compilation(List.of(), diagnostics, new SourceSet(texts)).render();
    }
}
