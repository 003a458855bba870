package cnn.compiler.cli.train;

import cnn.compiler.codegen.training.TrainerJit;
import cnn.compiler.graph.Network;
import cnn.compiler.jit.JitException;
import cnn.runtime.kernels.Parallel;
import cnn.runtime.model.Model;
import cnn.runtime.train.TrainableModel;

/**
 * The generated {@code MTrainer} of a network, compiled in memory beside its {@code M}
 * ({@link TrainerJit}): fresh weights come from {@code M}'s seeded initialisation.
 */
public final class JitTrainers implements TrainerSource {

    @Override
    public TrainableModel create(Network network, int maxBatch, long seed) throws TrainerException {
        try {
            TrainerJit.Compiled compiled = TrainerJit.compile(network);
            Model initial = compiled.model().init(seed);
            return compiled.trainer().create(initial.tensors(), maxBatch, Parallel.common());
        } catch (JitException e) {
            throw new TrainerException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new TrainerException(network.name() + ": " + e.getMessage(), e);
        }
    }
}
