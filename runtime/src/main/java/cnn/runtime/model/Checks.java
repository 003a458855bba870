package cnn.runtime.model;

/** Argument checks of the generated predict methods, with messages that name the sizes. */
public final class Checks {

    private Checks() {
    }

    /** {@code x} is exactly one sample of the model's input. */
    public static void sample(float[] x, ModelInfo info) {
        if (x != null && x.length != info.inputSize()) {
            throw new IllegalArgumentException(info.name() + ": input has " + x.length + " floats, expected "
                    + info.inputHeight() + "x" + info.inputWidth() + "x" + info.inputChannels() + " = "
                    + info.inputSize());
        }
        input(x, 1, info);
    }

    /** {@code x} holds at least {@code n} samples of the model's input. */
    public static void input(float[] x, int n, ModelInfo info) {
        if (x == null) {
            throw new IllegalArgumentException(info.name() + ": the input array is null");
        }
        if (n < 1) {
            throw new IllegalArgumentException(info.name() + ": batch size must be at least 1, got " + n);
        }
        long need = (long) n * info.inputSize();
        if (x.length < need) {
            throw new IllegalArgumentException(info.name() + ": input has " + x.length + " floats, expected " + n
                    + " x " + info.inputHeight() + "x" + info.inputWidth() + "x" + info.inputChannels() + " = " + need);
        }
    }

    /** {@code out} has room for {@code n} samples of an output of {@code size} floats. */
    public static void output(float[] out, int n, int size, String name) {
        long need = (long) n * size;
        if (out == null || out.length < need) {
            throw new IllegalArgumentException("output " + name + " needs " + n + " x " + size + " = " + need
                    + " floats, got " + (out == null ? "null" : out.length));
        }
    }

    public static void outputs(float[][] outs, int count) {
        if (outs == null || outs.length != count) {
            throw new IllegalArgumentException("expected " + count + " output arrays, got "
                    + (outs == null ? "null" : outs.length));
        }
    }
}
