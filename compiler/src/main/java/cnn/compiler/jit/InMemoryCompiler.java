package cnn.compiler.jit;

import cnn.compiler.codegen.GeneratedFile;
import cnn.runtime.model.Model;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles generated sources in memory with {@code javax.tools} and loads them in a fresh class
 * loader whose parent is the runtime's, so generated classes link against the very runtime
 * classes the caller uses. The runtime's classes are found from the code source of
 * {@link Model} (a jar or a classes directory).
 */
public final class InMemoryCompiler {

    private InMemoryCompiler() {
    }

    /** Compiles every file and returns a loader that defines them. */
    public static ClassLoader compile(List<GeneratedFile> files) throws JitException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new JitException("no Java compiler in this Java runtime: run cnnc with a JDK (17 or later), not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> classes = new HashMap<>();
        List<JavaFileObject> sources = new ArrayList<>();
        for (GeneratedFile f : files) {
            sources.add(new Source(f));
        }
        List<String> options = List.of("-classpath", runtimeClasspath(), "-proc:none", "-g", "--release", "17");
        try (StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8);
             MemoryFileManager fm = new MemoryFileManager(standard, classes)) {
            Boolean ok = javac.getTask(null, fm, diagnostics, options, null, sources).call();
            if (!Boolean.TRUE.equals(ok)) {
                throw new JitException("generated code does not compile (a bug in cnnc, please report it): "
                        + describe(diagnostics));
            }
        } catch (IOException e) {
            throw new JitException("cannot compile generated code: " + e.getMessage(), e);
        }
        Map<String, byte[]> bytes = new HashMap<>();
        classes.forEach((name, out) -> bytes.put(name, out.toByteArray()));
        return new MemoryClassLoader(bytes, Model.class.getClassLoader());
    }

    /** Where the runtime's classes are, as a classpath entry. */
    static String runtimeClasspath() throws JitException {
        CodeSource cs = Model.class.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            throw new JitException("cannot find the cnn runtime's classes to compile generated code against");
        }
        try {
            return Path.of(cs.getLocation().toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new JitException("cannot use the cnn runtime at " + cs.getLocation() + ": " + e.getMessage(), e);
        }
    }

    private static String describe(DiagnosticCollector<JavaFileObject> diagnostics) {
        StringBuilder b = new StringBuilder();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            if (b.length() > 0) {
                b.append("; ");
            }
            String file = d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ";
            b.append(file).append(d.getMessage(Locale.ROOT).replace("\n", " "));
        }
        return b.toString();
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(GeneratedFile f) {
            super(URI.create("string:///" + f.relativePath()), Kind.SOURCE);
            this.text = f.source();
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    private static final class ClassOutput extends SimpleJavaFileObject {
        private final ByteArrayOutputStream out;

        ClassOutput(String className, ByteArrayOutputStream out) {
            super(URI.create("mem:///" + className.replace('.', '/') + ".class"), Kind.CLASS);
            this.out = out;
        }

        @Override
        public OutputStream openOutputStream() {
            return out;
        }
    }

    private static final class MemoryFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, ByteArrayOutputStream> classes;

        MemoryFileManager(StandardJavaFileManager standard, Map<String, ByteArrayOutputStream> classes) {
            super(standard);
            this.classes = classes;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            classes.put(className, out);
            return new ClassOutput(className, out);
        }
    }

    private static final class MemoryClassLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        MemoryClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
            super(parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name);
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
        }
    }
}
