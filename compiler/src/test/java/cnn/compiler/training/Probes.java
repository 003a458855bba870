package cnn.compiler.training;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import cnn.compiler.codegen.GeneratedFile;
import cnn.compiler.codegen.JavaGenerator;
import cnn.compiler.codegen.training.TrainerGenerator;
import cnn.compiler.codegen.training.TrainerOptions;
import cnn.compiler.graph.Network;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import com.palantir.javapoet.ClassName;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * Generates a network's double-precision trainer (with input gradients, implementing
 * {@link GradientProbe}), compiles it with the test classpath and loads it beside the test
 * classes, so tests call it through the interface.
 */
public final class Probes {

    private Probes() {
    }

    public static GradientProbe.Factory factory(Network net) {
        String pkg = "probe";
        List<GeneratedFile> files = new ArrayList<>(JavaGenerator.generate(net, pkg));
        files.add(TrainerGenerator.generate(net, pkg, TrainerOptions.gradientCheck("Probe",
                ClassName.get(GradientProbe.class), ClassName.get(GradientProbe.Factory.class))));
        return instance(load(files), pkg + "." + net.name() + "Probe$Factory", GradientProbe.Factory.class);
    }

    /**
     * Compiles sources (generated, or written by a test to call generated code as a user would)
     * with the test classpath, without a warning under {@code -Xlint:all}, and loads them beside
     * the test classes.
     */
    public static ClassLoader load(List<GeneratedFile> files) {
        List<JavaFileObject> sources = new ArrayList<>();
        for (GeneratedFile f : files) {
            sources.add(JavaFileObjects.forSourceString(f.qualifiedName(), f.source()));
        }
        Compilation c = javac().withOptions("--release", "17", "-Xlint:all", "-Werror").compile(sources);
        assertThat(c).succeededWithoutWarnings();
        Map<String, byte[]> classes = new HashMap<>();
        for (JavaFileObject o : c.generatedFiles()) {
            if (o.getKind() != JavaFileObject.Kind.CLASS) {
                continue;
            }
            // .../CLASS_OUTPUT/p/q/Name.class → p.q.Name
            String path = o.toUri().getPath();
            String name = path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length(),
                    path.length() - ".class".length()).replace('/', '.');
            try (InputStream in = o.openInputStream()) {
                classes.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ClassLoader(Probes.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = classes.get(name);
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }
        };
    }

    /** A new instance of the compiled class {@code name} (its no-argument constructor), as {@code type}. */
    public static <T> T instance(ClassLoader loader, String name, Class<T> type) {
        try {
            return type.cast(Class.forName(name, true, loader).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot load " + name + ": " + e, e);
        }
    }
}
