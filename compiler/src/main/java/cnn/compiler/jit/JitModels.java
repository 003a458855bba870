package cnn.compiler.jit;

import cnn.compiler.codegen.GeneratedFile;
import cnn.compiler.codegen.JavaGenerator;
import cnn.compiler.graph.Network;
import cnn.runtime.model.Model;
import cnn.runtime.model.ModelFactory;
import java.lang.reflect.InvocationTargetException;
import java.util.List;

/**
 * A network's generated inference class, compiled and loaded in this JVM: what {@code cnnc
 * predict} runs, so there is no interpreter that could disagree with the generated code.
 */
public final class JitModels {

    /** The package generated classes are compiled in when the model has none. */
    public static final String DEFAULT_PACKAGE = "cnn.generated";

    private JitModels() {
    }

    /** Generates, compiles and loads {@code network}; returns its factory. */
    public static ModelFactory<? extends Model> compile(Network network) throws JitException {
        String pkg = network.packageName().isEmpty() ? DEFAULT_PACKAGE : network.packageName();
        List<GeneratedFile> files;
        try {
            files = JavaGenerator.generate(network, pkg);
        } catch (IllegalArgumentException e) {
            throw new JitException(e.getMessage(), e);
        }
        ClassLoader loader = InMemoryCompiler.compile(files);
        return factory(loader, files.get(0).qualifiedName());
    }

    /** Instantiates {@code M.Factory} of the generated model class {@code qualifiedName}. */
    public static ModelFactory<? extends Model> factory(ClassLoader loader, String qualifiedName) throws JitException {
        try {
            Class<?> c = Class.forName(qualifiedName + "$Factory", true, loader);
            Object f = c.getDeclaredConstructor().newInstance();
            if (!(f instanceof ModelFactory<?> mf)) {
                throw new JitException(qualifiedName + ".Factory is not a cnn.runtime.model.ModelFactory");
            }
            @SuppressWarnings("unchecked")
            ModelFactory<? extends Model> typed = (ModelFactory<? extends Model>) mf;
            return typed;
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException e) {
            throw new JitException("cannot load the generated model " + qualifiedName + ": " + e, e);
        }
    }
}
