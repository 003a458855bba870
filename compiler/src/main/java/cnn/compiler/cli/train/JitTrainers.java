package cnn.compiler.cli.train;

import cnn.compiler.codegen.GeneratedFile;
import cnn.compiler.codegen.JavaGenerator;
import cnn.compiler.graph.Network;
import cnn.compiler.jit.InMemoryCompiler;
import cnn.compiler.jit.JitException;
import cnn.compiler.jit.JitModels;
import cnn.runtime.kernels.Parallel;
import cnn.runtime.model.Model;
import cnn.runtime.model.ModelFactory;
import cnn.runtime.train.TrainableModel;
import java.lang.reflect.InvocationTargetException;
import java.util.List;

/**
 * The generated {@code MTrainer} of a network, compiled in memory with {@code cnn.compiler.jit}
 * next to its {@code M}: fresh weights come from {@code M}'s seeded initialisation, and the
 * trainer from {@code MTrainer.Factory}, instantiated by name like {@code M.Factory}.
 */
public final class JitTrainers implements TrainerSource {

    @Override
    public TrainableModel create(Network network, int maxBatch, long seed) throws TrainerException {
        String pkg = network.packageName().isEmpty() ? JitModels.DEFAULT_PACKAGE : network.packageName();
        try {
            List<GeneratedFile> files;
            try {
                files = JavaGenerator.generate(network, pkg);
            } catch (IllegalArgumentException e) {
                throw new TrainerException(network.name() + ": " + e.getMessage(), e);
            }
            String modelClass = files.get(0).qualifiedName();
            String trainerClass = modelClass + "Trainer";
            if (files.stream().noneMatch(f -> f.qualifiedName().equals(trainerClass))) {
                throw new TrainerException("cnnc cannot generate a trainer for " + network.name() + " yet", null);
            }
            ClassLoader loader = InMemoryCompiler.compile(files);
            ModelFactory<? extends Model> models = JitModels.factory(loader, modelClass);
            TrainableModel.Factory trainers = trainerFactory(loader, trainerClass);
            Model initial = models.init(seed);
            return trainers.create(initial.tensors(), maxBatch, Parallel.common());
        } catch (JitException e) {
            throw new TrainerException(e.getMessage(), e);
        }
    }

    /** Instantiates {@code MTrainer.Factory} of the generated trainer class {@code qualifiedName}. */
    static TrainableModel.Factory trainerFactory(ClassLoader loader, String qualifiedName) throws TrainerException {
        try {
            Class<?> c = Class.forName(qualifiedName + "$Factory", true, loader);
            Object f = c.getDeclaredConstructor().newInstance();
            if (!(f instanceof TrainableModel.Factory tf)) {
                throw new TrainerException(qualifiedName + ".Factory is not a cnn.runtime.train.TrainableModel.Factory",
                        null);
            }
            return tf;
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException e) {
            throw new TrainerException("cannot load the generated trainer " + qualifiedName + ": " + e, e);
        }
    }
}
