package cnn.runtime.optim;

import java.util.Map;

/** Checks shared by the optimizers when they read their state and their arguments. */
final class OptimizerState {

    private OptimizerState() {
    }

    static void copyInto(Map<String, float[]> from, String key, float[] into, String optimizer) {
        float[] source = from.get(key);
        if (source == null) {
            throw new IllegalArgumentException(optimizer + " state has no array '" + key + "'");
        }
        if (source.length != into.length) {
            throw new IllegalArgumentException(optimizer + " state array '" + key + "' has " + source.length
                    + " values, expected " + into.length);
        }
        System.arraycopy(source, 0, into, 0, into.length);
    }

    static void checkStep(ParamLayout layout, float[] params, float[] grads, double lr) {
        if (params.length < layout.size() || grads.length < layout.size()) {
            throw new IllegalArgumentException("the flat parameter and gradient arrays need " + layout.size()
                    + " values, got " + params.length + " and " + grads.length);
        }
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate " + lr + " must be a finite number >= 0");
        }
    }

    static double checkRange(String what, double value, double min, double maxExclusive) {
        if (!(value >= min && value < maxExclusive)) {
            throw new IllegalArgumentException(what + " " + value + " must be in [" + min + ", " + maxExclusive + ")");
        }
        return value;
    }
}
