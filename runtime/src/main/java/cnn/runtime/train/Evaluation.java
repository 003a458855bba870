package cnn.runtime.train;

import cnn.runtime.data.Batch;
import cnn.runtime.data.BatchLoader;
import cnn.runtime.data.Dataset;
import cnn.runtime.metrics.Accuracy;
import cnn.runtime.metrics.RunningMean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model in inference mode over a whole dataset, in order: the mean loss and the metrics of its
 * outputs. Classification data gets {@link #ACCURACY}; detection heads plug their mAP in as a
 * {@link Metric} the same way.
 */
public final class Evaluation {

    /** The name of the top-1 accuracy metric. */
    public static final String ACCURACY = "accuracy";

    private Evaluation() {
    }

    /**
     * @param samples how many samples were evaluated
     * @param loss    the mean loss over them
     * @param metrics each metric's value by name, in the order the metrics were given
     * @param seconds wall time of the pass
     */
    public record Result(int samples, double loss, Map<String, Double> metrics, double seconds) {
        public Result {
            metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }

        /** The metric called {@code name}, or NaN when it was not measured. */
        public double metric(String name) {
            Double v = metrics.get(name);
            return v == null ? Double.NaN : v;
        }
    }

    /** A measure of a model's outputs over a dataset, added up batch by batch. */
    public interface Metric {

        String name();

        void reset();

        /**
         * Counts one batch: {@code outputs} holds {@code batch.size()} samples of what
         * {@link TrainableModel#forward} writes ({@code outputSize} values each, inference mode,
         * after any final softmax).
         */
        void add(float[] outputs, int outputSize, Batch batch);

        /** The value over everything added since the last reset; NaN before anything. */
        double value();
    }

    /** Top-1 accuracy against the batch's class labels. */
    public static Metric accuracy() {
        return new Metric() {
            private long correct;
            private long total;

            @Override
            public String name() {
                return ACCURACY;
            }

            @Override
            public void reset() {
                correct = 0;
                total = 0;
            }

            @Override
            public void add(float[] outputs, int outputSize, Batch batch) {
                int[] labels = batch.labels();
                for (int s = 0; s < batch.size(); s++) {
                    if (Accuracy.argmax(outputs, s * outputSize, outputSize) == labels[s]) {
                        correct++;
                    }
                }
                total += batch.size();
            }

            @Override
            public double value() {
                return total == 0 ? Double.NaN : (double) correct / total;
            }
        };
    }

    /** What fits the data: accuracy for class labels, nothing more for float targets. */
    public static List<Metric> defaultMetrics(Dataset data) {
        List<Metric> out = new ArrayList<>();
        if (data.classes() > 0) {
            out.add(accuracy());
        }
        return out;
    }

    /** {@link #run(TrainableModel, Dataset, int, List)} with {@link #defaultMetrics}. */
    public static Result run(TrainableModel model, Dataset data, int batch) {
        return run(model, data, batch, defaultMetrics(data));
    }

    /**
     * Evaluates every sample of {@code data} in order, {@code batch} at a time (at most the
     * model's {@link TrainableModel#maxBatch()}).
     *
     * @throws IllegalArgumentException when the data does not fit the model (see {@link DataFit})
     */
    public static Result run(TrainableModel model, Dataset data, int batch, List<Metric> metrics) {
        DataFit.check(model, data, "evaluation data");
        int size = Math.min(batch, model.maxBatch());
        int outputSize = model.outputSize();
        float[] out = new float[size * outputSize];
        RunningMean loss = new RunningMean();
        for (Metric m : metrics) {
            m.reset();
        }
        long start = System.nanoTime();
        int samples = 0;
        BatchLoader loader = new BatchLoader(data, size, 0, List.of()).withShuffle(false);
        try (BatchLoader.Epoch epoch = loader.epoch(0)) {
            for (Batch b = epoch.next(); b != null; b = epoch.next()) {
                float l = model.evaluate(b.x(), DataFit.targets(b), b.size(), out);
                loss.add(l, b.size());
                for (Metric m : metrics) {
                    m.add(out, outputSize, b);
                }
                samples += b.size();
            }
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Metric m : metrics) {
            values.put(m.name(), m.value());
        }
        return new Result(samples, loss.mean(), values, (System.nanoTime() - start) / 1e9);
    }
}
