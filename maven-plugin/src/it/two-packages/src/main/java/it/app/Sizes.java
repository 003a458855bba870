package it.app;

import it.alpha.Alpha;
import it.beta.Beta;
import it.gamma.Gamma;

/** Compiles only if all three generated classes are where their packages say. */
public final class Sizes {

    private Sizes() {
    }

    public static int[] outputSizes() {
        return new int[] {Alpha.OUTPUT_SIZE, Beta.OUTPUT_SIZE, Gamma.OUTPUT_SIZE};
    }
}
