package cnn.compiler.cli.train;

import cnn.runtime.train.EpochResult;
import cnn.runtime.train.Evaluation;
import cnn.runtime.train.FitResult;
import cnn.runtime.train.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything {@code report.json} says about a run: the model and data, the settings, each
 * epoch's loss, accuracy, validation, time and throughput, how the run stopped, the test
 * accuracy and the files written next to it.
 *
 * @param resumedFrom the checkpoint's position when the run resumed, else null
 * @param test        the final test pass, or null when there was no test data or no final weights
 * @param files       the names of the files written in the run directory, by role
 */
public record TrainReport(String model, String file, DataSplit data, RunSettings settings, String resumedFile,
                          Position resumedFrom, FitResult fit, Evaluation.Result test, Map<String, String> files,
                          String started) {

    /** The report as JSON. */
    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", model);
        root.put("file", file);
        root.put("started", started);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("source", data.source());
        d.put("train", data.train().size());
        d.put("test", data.testSize());
        d.put("description", data.how());
        root.put("data", d);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("epochs", settings.epochs());
        s.put("steps", settings.maxSteps() > 0 ? settings.maxSteps() : null);
        s.put("batch", settings.batch());
        s.put("optimizer", settings.optimizer());
        s.put("lr", settings.lr());
        s.put("schedule", settings.scheduleText());
        s.put("loss", settings.loss());
        s.put("seed", settings.seed());
        s.put("augment", settings.augment());
        root.put("settings", s);
        if (resumedFrom != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("file", resumedFile);
            r.put("epoch", resumedFrom.epoch() + 1);
            r.put("batch", resumedFrom.batch());
            r.put("step", resumedFrom.step());
            root.put("resumed_from", r);
        } else {
            root.put("resumed_from", null);
        }
        List<Object> epochs = new ArrayList<>();
        for (EpochResult e : fit.history()) {
            epochs.add(epoch(e));
        }
        root.put("epochs", epochs);
        root.put("stopped", fit.reason().name().toLowerCase(Locale.ROOT));
        root.put("message", fit.message().isEmpty() ? null : fit.message());
        root.put("steps", fit.end().step());
        root.put("seconds", fit.seconds());
        root.put("images_per_second", imagesPerSecond(fit));
        if (test != null) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("samples", test.samples());
            t.put("loss", test.loss());
            t.put("accuracy", test.metric(Evaluation.ACCURACY));
            test.metrics().forEach((name, value) -> {
                if (!name.equals(Evaluation.ACCURACY)) {
                    t.put(name, value);
                }
            });
            t.put("seconds", test.seconds());
            root.put("test", t);
        } else {
            root.put("test", null);
        }
        root.put("files", files);
        return Json.write(root);
    }

    private static Map<String, Object> epoch(EpochResult e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", e.epoch());
        m.put("batches", e.batches());
        m.put("partial", e.partial());
        m.put("step", e.step());
        m.put("train_loss", e.trainLoss());
        m.put("train_accuracy", e.trainAccuracy());
        m.put("val_loss", e.validationLoss());
        m.put("val_accuracy", e.validationAccuracy());
        for (Map.Entry<String, Double> metric : e.validationMetrics().entrySet()) {
            if (!metric.getKey().equals(Evaluation.ACCURACY)) {
                m.put("val_" + metric.getKey(), metric.getValue());
            }
        }
        m.put("learning_rate", e.learningRate());
        m.put("seconds", e.trainSeconds());
        m.put("validation_seconds", e.validation() == null ? null : e.validation().seconds());
        m.put("images_per_second", e.imagesPerSecond());
        return m;
    }

    /** Training samples per second over every epoch of the run (validation not counted). */
    static double imagesPerSecond(FitResult fit) {
        double seconds = 0;
        double images = 0;
        for (EpochResult e : fit.history()) {
            seconds += e.trainSeconds();
            images += e.imagesPerSecond() * e.trainSeconds();
        }
        return seconds == 0 ? Double.NaN : images / seconds;
    }
}
