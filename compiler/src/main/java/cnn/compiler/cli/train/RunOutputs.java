package cnn.compiler.cli.train;

import cnn.runtime.io.AtomicFile;
import cnn.runtime.io.Weights;
import cnn.runtime.model.TensorInfo;
import cnn.runtime.train.EpochResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes what a run leaves behind besides its checkpoints: the final weights, the plot, the report. */
final class RunOutputs {

    private RunOutputs() {
    }

    /** The tensors as a plain SPEC §5 weights file (what {@code cnnc predict --weights} loads). */
    static void weights(Path file, List<TensorInfo> infos, Map<String, float[]> tensors) throws IOException {
        String[] names = new String[infos.size()];
        int[][] shapes = new int[infos.size()][];
        float[][] values = new float[infos.size()][];
        for (int i = 0; i < infos.size(); i++) {
            names[i] = infos.get(i).name();
            shapes[i] = infos.get(i).shapeArray();
            values[i] = tensors.get(names[i]);
        }
        Weights.save(file, names, shapes, values);
    }

    /** Draws the plot; returns why it could not, or null. A missing plot does not fail a run. */
    static String plot(Path png, String title, String subtitle, List<EpochResult> history, int batchesPerEpoch) {
        try {
            HistoryChart.write(png, title, subtitle, history, batchesPerEpoch);
            return null;
        } catch (IOException | RuntimeException | LinkageError e) {
            // Java2D without fonts or native libraries fails with errors, not only exceptions.
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }

    static void report(Path file, TrainReport report) throws IOException {
        byte[] json = report.json().getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(file, out -> out.write(json));
    }
}
