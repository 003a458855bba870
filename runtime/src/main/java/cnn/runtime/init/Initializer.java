package cnn.runtime.init;

import cnn.runtime.io.Shapes;
import java.util.Arrays;

/**
 * Seeded, deterministic weight initialisation. Every tensor draws from its own stream derived
 * from (seed, tensor name), so the values of {@code conv_1.weight} do not change when a layer is
 * added elsewhere. Fans follow PyTorch's convention for {@code [out, in, kh, kw]} and
 * {@code [out, in]} weights: fan_in = in·kh·kw, fan_out = out·kh·kw.
 */
public final class Initializer {

    private Initializer() {
    }

    /** Fills {@code out} with N(0, 2 / fanIn). */
    public static void he(long seed, String name, int fanIn, float[] out) {
        checkFan(fanIn, name);
        Rng rng = Rng.stream(seed, name);
        double std = Math.sqrt(2.0 / fanIn);
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (rng.nextGaussian() * std);
        }
    }

    /** Fills {@code out} with U(−limit, limit), limit = sqrt(6 / (fanIn + fanOut)). */
    public static void xavier(long seed, String name, int fanIn, int fanOut, float[] out) {
        checkFan(fanIn, name);
        checkFan(fanOut, name);
        Rng rng = Rng.stream(seed, name);
        double limit = Math.sqrt(6.0 / ((double) fanIn + fanOut));
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((2 * rng.nextDouble() - 1) * limit);
        }
    }

    /** A new weight tensor of {@code shape} ({@code [out, in, …]}, at least two dimensions) by {@code scheme}. */
    public static float[] weight(Scheme scheme, long seed, String name, int[] shape) {
        float[] out = new float[elements(shape)];
        switch (scheme) {
            case HE -> he(seed, name, fanIn(shape), out);
            case XAVIER -> xavier(seed, name, fanIn(shape), fanOut(shape), out);
            case ZEROS -> {
                // already zero
            }
            default -> throw new IllegalStateException(scheme.name());
        }
        return out;
    }

    /**
     * The starting value of any tensor of the weights file (SPEC §5) by its name: {@code .bias}
     * and {@code .running_mean} zero, {@code .running_var} one, a one-dimensional {@code .weight}
     * (batchnorm's scale) one, any other {@code .weight} by {@code scheme}.
     */
    public static float[] tensor(Scheme scheme, long seed, String name, int[] shape) {
        if (name.endsWith(".running_var") || (name.endsWith(".weight") && shape.length == 1)) {
            float[] ones = new float[elements(shape)];
            Arrays.fill(ones, 1f);
            return ones;
        }
        if (name.endsWith(".weight")) {
            return weight(scheme, seed, name, shape);
        }
        return new float[elements(shape)];
    }

    /** {@code in · kh · kw} of an {@code [out, in, kh, kw]} (or {@code [out, in]}) weight. */
    public static int fanIn(int[] shape) {
        requireMatrix(shape);
        return shape[1] * receptiveField(shape);
    }

    /** {@code out · kh · kw} of an {@code [out, in, kh, kw]} (or {@code [out, in]}) weight. */
    public static int fanOut(int[] shape) {
        requireMatrix(shape);
        return shape[0] * receptiveField(shape);
    }

    private static int receptiveField(int[] shape) {
        int r = 1;
        for (int i = 2; i < shape.length; i++) {
            r *= shape[i];
        }
        return r;
    }

    private static void requireMatrix(int[] shape) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("fan in/out needs a weight of at least two dimensions, got "
                    + Arrays.toString(shape));
        }
    }

    private static void checkFan(int fan, String name) {
        if (fan <= 0) {
            throw new IllegalArgumentException(name + ": fan must be positive, got " + fan);
        }
    }

    private static int elements(int[] shape) {
        return Shapes.elements(shape);
    }
}
