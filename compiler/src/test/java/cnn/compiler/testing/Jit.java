package cnn.compiler.testing;

import cnn.compiler.graph.Network;
import cnn.compiler.jit.JitException;
import cnn.compiler.jit.JitModels;
import cnn.runtime.model.Model;
import cnn.runtime.model.ModelFactory;

/** Compiles a test network's generated class in memory. */
public final class Jit {

    private Jit() {
    }

    public static ModelFactory<? extends Model> factory(Network n) {
        try {
            return JitModels.compile(n);
        } catch (JitException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
