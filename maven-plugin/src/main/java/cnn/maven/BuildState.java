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
 * <p>The whole state belongs to one configuration (its fingerprint: compiler version, package,
 * output directory); a different one, or a file that cannot be read, means an empty state and
 * so a full, but still write-only-what-differs, rebuild.
 */
final class BuildState {

    private static final String HEADER = "cnn-maven-plugin state 1";

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
    private final Map<Path, Entry> entries;

    BuildState(String fingerprint, Map<Path, Entry> entries) {
        this.fingerprint = fingerprint;
        this.entries = new TreeMap<>(entries);
    }

    static BuildState empty(String fingerprint) {
        return new BuildState(fingerprint, Map.of());
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

    /** The state saved at {@code file}, if it exists, parses and was made with the same fingerprint. */
    static BuildState load(Path file, String fingerprint) {
        if (!Files.isRegularFile(file)) {
            return empty(fingerprint);
        }
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8), fingerprint);
        } catch (IOException | RuntimeException e) {
            // A damaged state costs one full rebuild, never a failed build.
            return empty(fingerprint);
        }
    }

    private static BuildState parse(List<String> lines, String fingerprint) {
        if (lines.size() < 2 || !lines.get(0).equals(HEADER) || !lines.get(1).equals("fingerprint " + fingerprint)) {
            return empty(fingerprint);
        }
        Map<Path, Entry> entries = new LinkedHashMap<>();
        Path source = null;
        Map<Path, String> inputs = new LinkedHashMap<>();
        List<Path> outputs = new ArrayList<>();
        for (String line : lines.subList(2, lines.size())) {
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
                return empty(fingerprint);
            }
        }
        if (source != null) {
            entries.put(source, new Entry(inputs, outputs));
        }
        return new BuildState(fingerprint, entries);
    }

    void save(Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append(HEADER).append('\n');
        out.append("fingerprint ").append(fingerprint).append('\n');
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
