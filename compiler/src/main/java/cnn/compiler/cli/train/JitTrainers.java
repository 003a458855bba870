package cnn.compiler.cli.train;

import cnn.compiler.graph.Network;
import cnn.runtime.train.TrainableModel;

/** The generated {@code MTrainer} of a network, compiled in memory with {@code cnn.compiler.jit}. */
public final class JitTrainers implements TrainerSource {

    @Override
    public TrainableModel create(Network network, int maxBatch, long seed) throws TrainerException {
        // Wired to the trainer generator (branch train-gen) as soon as it lands.
        throw new TrainerException("cnnc cannot generate the trainer of " + network.name() + " yet", null);
    }
}
