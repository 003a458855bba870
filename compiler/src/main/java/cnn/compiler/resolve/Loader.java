package cnn.compiler.resolve;

import cnn.compiler.diag.Reporter;
import cnn.compiler.diag.SourceSpan;
import cnn.compiler.syntax.SourceFile;
import cnn.compiler.syntax.SourceLimits;
import cnn.compiler.syntax.SyntaxParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and parses files and what they import, each once. Imports are relative to the
 * importing file; a missing file (E0210) and an import cycle (E0211) are reported at the
 * import line with the path.
 */
public final class Loader {

    /** A file read and parsed; {@code ast} is empty when it has syntax errors. */
    public static final class Loaded {
        final String name;
        final Optional<SourceFile> ast;
        final List<Loaded> imports = new ArrayList<>();
        final List<SourceSpan> importSpans = new ArrayList<>();
        /** False when the file or a file it imports could not be read or parsed. */
        boolean complete;

        Loaded(String name, Optional<SourceFile> ast) {
            this.name = name;
            this.ast = ast;
        }
    }

    private final Reporter reporter;
    private final SourceRoots roots;
    private final Map<String, Loaded> byPath = new LinkedHashMap<>();
    private final Map<String, String> texts = new LinkedHashMap<>();
    private final List<String> loading = new ArrayList<>();

    /** A loader whose imports may go anywhere. */
    public Loader(Reporter reporter) {
        this(reporter, SourceRoots.anywhere());
    }

    /** A loader whose imports must stay under {@code roots} (E0219 otherwise). */
    public Loader(Reporter reporter, SourceRoots roots) {
        this.reporter = reporter;
        this.roots = roots;
    }

    /** The text of every file read, by the name diagnostics use. */
    public Map<String, String> texts() {
        return texts;
    }

    Map<String, Loaded> files() {
        return byPath;
    }

    /** A file named on the command line; its name is kept as given. */
    public Loaded root(String name) {
        String text;
        try {
            text = read(Path.of(name));
        } catch (NoSuchFileException e) {
            reporter.error("E0210", SourceSpan.none(name), "cannot read " + name + ": no such file", null);
            return null;
        } catch (CharacterCodingException e) {
            reporter.error("E0210", SourceSpan.none(name), "cannot read " + name + ": it is not UTF-8 text", null);
            return null;
        } catch (TooLarge e) {
            reporter.error("E0110", SourceSpan.none(name), name + " " + e.getMessage(), TOO_LARGE_HINT);
            return null;
        } catch (IOException | RuntimeException e) {
            reporter.error("E0210", SourceSpan.none(name), "cannot read " + name + ": " + reason(e), null);
            return null;
        }
        return root(name, text);
    }

    /** A root file whose text is already known (tests, tools). */
    public Loaded root(String name, String text) {
        String key = key(name);
        Loaded known = byPath.get(key);
        if (known != null) {
            return known;
        }
        return parse(name, key, text);
    }

    private Loaded parse(String name, String key, String text) {
        texts.put(name, text);
        Optional<SourceFile> ast = SyntaxParser.parse(name, text, reporter);
        Loaded loaded = new Loaded(name, ast);
        byPath.put(key, loaded);
        loading.add(key);
        boolean complete = ast.isPresent();
        if (ast.isPresent()) {
            for (SourceFile.Import imp : ast.get().imports()) {
                Loaded dep = load(name, imp);
                if (dep == null) {
                    complete = false;
                    continue;
                }
                loaded.imports.add(dep);
                loaded.importSpans.add(imp.span());
                complete &= dep.complete || loading.contains(key(dep.name));
            }
        }
        loading.remove(key);
        loaded.complete = complete;
        return loaded;
    }

    private Loaded load(String importer, SourceFile.Import imp) {
        Path parent = Path.of(importer).getParent();
        Path path;
        try {
            path = parent == null ? Path.of(imp.path()) : parent.resolve(imp.path());
        } catch (InvalidPathException e) {
            reporter.error("E0210", imp.span(), "cannot import \"" + imp.path() + "\": it is not a valid path ("
                    + e.getReason() + ")", null);
            return null;
        }
        String name = path.normalize().toString();
        String key = key(name);
        if (loading.contains(key)) {
            List<String> chain = new ArrayList<>();
            for (String k : loading.subList(loading.indexOf(key), loading.size())) {
                chain.add(byPath.get(k).name);
            }
            chain.add(byPath.get(key).name);
            reporter.error("E0211", imp.span(), "import cycle: " + String.join(" → ", chain),
                    "move what both files need into a third file that imports neither");
            return null;
        }
        if (!roots.contains(path)) {
            reporter.error("E0219", imp.span(), "import \"" + imp.path() + "\" leads outside " + roots.describe()
                    + ": " + name, "keep imported files under the source folder, or allow it with "
                    + "--allow-outside-imports (cnnc) or allowOutsideImports (Maven plugin)");
            return null;
        }
        Loaded known = byPath.get(key);
        if (known != null) {
            return known;
        }
        String text;
        try {
            text = read(path.normalize());   // the file the message names: sub/../x.cnn is x.cnn even without sub/
        } catch (NoSuchFileException e) {
            reporter.error("E0210", imp.span(), "cannot import " + name + ": no such file",
                    "the path is relative to " + (parent == null ? "the importing file's folder" : parent + "/"));
            return null;
        } catch (CharacterCodingException e) {
            reporter.error("E0210", imp.span(), "cannot import " + name + ": it is not UTF-8 text", null);
            return null;
        } catch (TooLarge e) {
            reporter.error("E0110", imp.span(), "cannot import " + name + ": it " + e.getMessage(), TOO_LARGE_HINT);
            return null;
        } catch (IOException | RuntimeException e) {
            reporter.error("E0210", imp.span(), "cannot import " + name + ": " + reason(e), null);
            return null;
        }
        return parse(name, key, text);
    }

    private static final String TOO_LARGE_HINT = "split it into files that import each other";

    /** A file over {@link SourceLimits#MAX_CHARS} bytes; its message continues "FILE …". */
    private static final class TooLarge extends IOException {
        TooLarge(long size) {
            super(String.format("has %,d bytes; a source file may have at most %,d (1 MiB)", size,
                    SourceLimits.MAX_CHARS));
        }
    }

    /**
     * The file's text. Only regular files are read (a FIFO would block, /dev/zero never end),
     * and never more than the size limit, whatever the file claims.
     */
    private static String read(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IOException("it is a directory");
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new IOException("it is not a regular file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(SourceLimits.MAX_CHARS + 1);
        }
        if (bytes.length > SourceLimits.MAX_CHARS) {
            throw new TooLarge(Math.max(bytes.length, Files.size(path)));
        }
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** One key per file however it is named: the absolute, normalised path. */
    private static String key(String name) {
        try {
            return Path.of(name).toAbsolutePath().normalize().toString();
        } catch (RuntimeException e) {
            return name;
        }
    }
}
