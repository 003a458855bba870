package cnn.runtime.model;

import cnn.runtime.init.Initializer;
import java.util.Arrays;

/**
 * The initial values generated {@code init(seed)} methods ask for, one tensor at a time; the
 * values of a tensor depend only on the seed and the tensor's name ({@link Initializer}).
 */
public final class WeightInit {

    private WeightInit() {
    }

    public static float[] he(long seed, String name, int size, int fanIn) {
        float[] w = new float[size];
        Initializer.he(seed, name, fanIn, w);
        return w;
    }

    public static float[] xavier(long seed, String name, int size, int fanIn, int fanOut) {
        float[] w = new float[size];
        Initializer.xavier(seed, name, fanIn, fanOut, w);
        return w;
    }

    public static float[] ones(int size) {
        float[] w = new float[size];
        Arrays.fill(w, 1f);
        return w;
    }
}
