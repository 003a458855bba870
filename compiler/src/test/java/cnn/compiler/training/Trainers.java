package cnn.compiler.training;

import cnn.compiler.codegen.training.TrainerJit;
import cnn.compiler.graph.Network;
import cnn.compiler.jit.JitException;

/** Compiles a test network's inference class and trainer in memory. */
public final class Trainers {

    private Trainers() {
    }

    public static TrainerJit.Compiled compile(Network net) {
        try {
            return TrainerJit.compile(net);
        } catch (JitException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
