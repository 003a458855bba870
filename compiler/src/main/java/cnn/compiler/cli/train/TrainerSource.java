package cnn.compiler.cli.train;

import cnn.compiler.graph.Network;
import cnn.runtime.train.TrainableModel;

/** Makes the trainer of a network: its generated {@code MTrainer}, compiled in memory and loaded. */
@FunctionalInterface
public interface TrainerSource {

    /**
     * @param maxBatch the largest batch the trainer's workspace must hold
     * @param seed     initialises the weights (He/Xavier, seeded per tensor)
     * @throws TrainerException with a user-ready message when the network cannot be trained
     */
    TrainableModel create(Network network, int maxBatch, long seed) throws TrainerException;

    /** Why a trainer could not be made, in one line. */
    final class TrainerException extends Exception {
        private static final long serialVersionUID = 1L;

        public TrainerException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
