package cnn.compiler.cli;

import cnn.runtime.io.FloatArray;
import cnn.runtime.io.NdArray;
import cnn.runtime.io.Npy;
import cnn.runtime.io.Npz;
import cnn.runtime.model.Model;
import cnn.runtime.model.ModelInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads a batch from {@code .npy}, runs a model, writes its outputs: what {@code cnnc predict} does. */
final class Predictions {

    private Predictions() {
    }

    static void run(Model model, Path input, Path output) throws IOException, CliException {
        ModelInfo info = model.info();
        boolean several = info.outputNames().size() > 1;
        if (several && output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            throw new CliException(info.name() + " has " + info.outputNames().size() + " outputs ("
                    + String.join(", ", info.outputNames()) + "): give --output an .npz file", Cnnc.ERRORS);
        }
        NdArray read = Npy.read(input);
        if (!(read instanceof FloatArray x)) {
            throw new CliException(input + ": expected a float32 array, got " + read.dtype(), Cnnc.ERRORS);
        }
        int[] s = x.shape();
        int[] want = {info.inputHeight(), info.inputWidth(), info.inputChannels()};
        if (s.length != 4 || s[1] != want[0] || s[2] != want[1] || s[3] != want[2]) {
            throw new CliException(input + ": shape " + Arrays.toString(s) + " does not fit " + info.name()
                    + ", which takes [N, " + want[0] + ", " + want[1] + ", " + want[2] + "] (NHWC)", Cnnc.ERRORS);
        }
        int n = s[0];
        if (n == 0) {
            throw new CliException(input + ": the batch is empty", Cnnc.ERRORS);
        }
        int outputs = info.outputNames().size();
        float[][] outs = new float[outputs][];
        for (int k = 0; k < outputs; k++) {
            outs[k] = new float[Math.multiplyExact(n, info.outputSize(k))];
        }
        model.predictAll(x.data(), n, outs);
        if (!several) {
            Npy.write(output, new FloatArray(batchShape(n, info.outputShapes().get(0)), outs[0]));
            return;
        }
        Map<String, FloatArray> arrays = new LinkedHashMap<>();
        for (int k = 0; k < outputs; k++) {
            arrays.put(info.outputNames().get(k), new FloatArray(batchShape(n, info.outputShapes().get(k)), outs[k]));
        }
        Npz.write(output, arrays);
    }

    private static int[] batchShape(int n, List<Integer> sample) {
        int[] shape = new int[sample.size() + 1];
        shape[0] = n;
        for (int i = 0; i < sample.size(); i++) {
            shape[i + 1] = sample.get(i);
        }
        return shape;
    }
}
