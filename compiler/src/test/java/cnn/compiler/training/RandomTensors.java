package cnn.compiler.training;

import cnn.compiler.graph.Network;
import cnn.compiler.graph.TensorSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Weights for tests: every tensor of a network filled from a seed, running variances positive. */
public final class RandomTensors {

    private RandomTensors() {
    }

    public static Map<String, float[]> of(Network net, long seed) {
        Random r = new Random(seed);
        Map<String, float[]> m = new LinkedHashMap<>();
        for (TensorSpec t : net.tensors()) {
            float[] v = new float[Math.toIntExact(t.size())];
            for (int i = 0; i < v.length; i++) {
                if (t.name().endsWith(".running_var")) {
                    v[i] = 0.5f + r.nextFloat();
                } else if (t.name().endsWith(".weight") && t.shape().length == 1) {
                    v[i] = 0.5f + r.nextFloat(); // batchnorm scale: away from 0
                } else {
                    v[i] = (float) (r.nextGaussian() * 0.5);
                }
            }
            m.put(t.name(), v);
        }
        return m;
    }

    public static double[] doubles(int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }
}
