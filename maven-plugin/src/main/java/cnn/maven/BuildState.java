package cnn.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the previous build saw and made, kept in a small text file between builds: for each
 * model file, the content hash of it and of every file it imports, and the Java files
 * generated from it. A model whose hashes all match, and whose outputs are all still there,
 * is not compiled again.
 *
 * <p>The state records the configuration it was made under (its fingerprint: compiler
 * version, package, output directory) and the output directory. Under another fingerprint
 * nothing in it counts as up to date, but it still tells which files the plugin made earlier
 * in the same output directory, so that they can be removed when no longer generated (say,
 * after {@code packageName} changed). A file that cannot be read is an empty state: one full,
 * but still write-only-what-differs, rebuild.
 */
final class BuildState {

    private static final String HEADER = "cnn-maven-plugin state 2";

    /**
     * @param inputs  absolute path of the model file and of each file it imports, to its content hash
     * @param outputs generated files, relative to the output directory
     */
    record Entry(Map<Path, String> inputs, List<Path> outputs) {
        Entry {
            inputs = Map.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }
    }

    private final String fingerprint;
    private final Path outputRoot;
    private final Map<Path, Entry> entries;

    BuildState(String fingerprint, Path outputRoot, Map<Path, Entry> entries) {
        this.fingerprint = fingerprint;
        this.outputRoot = outputRoot;
        this.entries = new TreeMap<>(entries);
    }

    static BuildState empty() {
        return new BuildState("", Path.of(""), Map.of());
    }

    Optional<Entry> entry(Path source) {
        return Optional.ofNullable(entries.get(source));
    }

    Map<Path, Entry> entries() {
        return Map.copyOf(entries);
    }

    String fingerprint() {
        return fingerprint;
    }

    Path outputRoot() {
        return outputRoot;
    }

    /** The state saved at {@code file}, or an empty one if there is none or it does not parse. */
    static BuildState load(Path file) {
        if (!Files.isRegularFile(file)) {
            return empty();
        }
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            // A damaged state costs one full rebuild, never a failed build.
            return empty();
        }
    }

    private static BuildState parse(List<String> lines) {
        if (lines.size() < 3 || !lines.get(0).equals(HEADER) || !lines.get(1).startsWith("fingerprint ")
                || !lines.get(2).startsWith("outputs ")) {
            return empty();
        }
        String fingerprint = lines.get(1).substring("fingerprint ".length());
        Path outputRoot = Path.of(lines.get(2).substring("outputs ".length()));
        Map<Path, Entry> entries = new LinkedHashMap<>();
        Path source = null;
        Map<Path, String> inputs = new LinkedHashMap<>();
        List<Path> outputs = new ArrayList<>();
        for (String line : lines.subList(3, lines.size())) {
            if (line.startsWith("source ")) {
                if (source != null) {
                    entries.put(source, new Entry(inputs, outputs));
                }
                source = Path.of(line.substring("source ".length()));
                inputs = new LinkedHashMap<>();
                outputs = new ArrayList<>();
            } else if (line.startsWith("input ") && source != null) {
                String rest = line.substring("input ".length());
                int space = rest.indexOf(' ');
                inputs.put(Path.of(rest.substring(space + 1)), rest.substring(0, space));
            } else if (line.startsWith("output ") && source != null) {
                outputs.add(Path.of(line.substring("output ".length())));
            } else if (!line.isBlank()) {
                return empty();
            }
        }
        if (source != null) {
            entries.put(source, new Entry(inputs, outputs));
        }
        return new BuildState(fingerprint, outputRoot, entries);
    }

    void save(Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append(HEADER).append('\n');
        out.append("fingerprint ").append(fingerprint).append('\n');
        out.append("outputs ").append(outputRoot).append('\n');
        for (Map.Entry<Path, Entry> e : entries.entrySet()) {
            out.append("source ").append(e.getKey()).append('\n');
            new TreeMap<>(e.getValue().inputs()).forEach((path, hash) ->
                    out.append("input ").append(hash).append(' ').append(path).append('\n'));
            for (Path output : e.getValue().outputs()) {
                out.append("output ").append(output.toString().replace('\\', '/')).append('\n');
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }
}
