package cnn.runtime.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Inference on a generated model; every generated class implements it so tools (the {@code cnnc}
 * command, trainers, benchmarks) can drive any model through one interface. Layout is NHWC,
 * batch outermost; a sample is {@code H·W·C} floats.
 */
public interface Model {

    ModelInfo info();

    /** Runs one sample and returns the first output. */
    float[] predict(float[] hwc);

    /** Runs one sample and returns every output, in {@link ModelInfo#outputNames()} order. */
    float[][] predictAll(float[] hwc);

    /** Runs {@code n} samples; writes the first output of sample {@code i} at {@code out[i·size]}. */
    void predict(float[] nhwc, int n, float[] out);

    /** Runs {@code n} samples; {@code outs[k]} receives output {@code k} of every sample, batch outermost. */
    void predictAll(float[] nhwc, int n, float[][] outs);

    /** The weights in the file layout (SPEC §5), keyed by tensor name in file order; copies. */
    Map<String, float[]> tensors();

    /** Writes the weights as an {@code .npz} in the file layout, atomically. */
    void save(Path npz) throws IOException;
}
