package cnn.compiler.codegen.training;

import cnn.compiler.codegen.GeneratedFile;
import cnn.compiler.codegen.JavaGenerator;
import cnn.compiler.graph.Network;
import cnn.compiler.jit.InMemoryCompiler;
import cnn.compiler.jit.JitException;
import cnn.compiler.jit.JitModels;
import cnn.runtime.model.Model;
import cnn.runtime.model.ModelFactory;
import cnn.runtime.train.TrainableModel;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

/**
 * A network's inference class and trainer, generated, compiled and loaded in this JVM: what
 * {@code cnnc train} runs.
 */
public final class TrainerJit {

    /** Both factories of one compiled model. */
    public record Compiled(ModelFactory<? extends Model> model, TrainableModel.Factory trainer) {
    }

    private TrainerJit() {
    }

    /**
     * Generates, compiles and loads {@code network} and its trainer.
     *
     * @throws JitException when the model cannot be trained (the message says why, for the user)
     *                      or the generated code does not compile
     */
    public static Compiled compile(Network network) throws JitException {
        String pkg = network.packageName().isEmpty() ? JitModels.DEFAULT_PACKAGE : network.packageName();
        List<GeneratedFile> files = new ArrayList<>();
        GeneratedFile trainer;
        try {
            files.addAll(JavaGenerator.generate(network, pkg));
            trainer = TrainerGenerator.generate(network, pkg);
        } catch (IllegalArgumentException e) {
            throw new JitException(e.getMessage(), e);
        }
        if (files.stream().noneMatch(f -> f.qualifiedName().equals(trainer.qualifiedName()))) {
            files.add(trainer);
        }
        ClassLoader loader = InMemoryCompiler.compile(files);
        String model = files.get(0).qualifiedName();
        return new Compiled(JitModels.factory(loader, model), factory(loader, trainer.qualifiedName()));
    }

    /** Instantiates {@code MTrainer.Factory} of the generated trainer {@code qualifiedName}. */
    public static TrainableModel.Factory factory(ClassLoader loader, String qualifiedName) throws JitException {
        try {
            Class<?> c = Class.forName(qualifiedName + "$Factory", true, loader);
            Object f = c.getDeclaredConstructor().newInstance();
            if (!(f instanceof TrainableModel.Factory tf)) {
                throw new JitException(qualifiedName + ".Factory is not a cnn.runtime.train.TrainableModel.Factory");
            }
            return tf;
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException e) {
            throw new JitException("cannot load the generated trainer " + qualifiedName + ": " + e, e);
        }
    }
}
