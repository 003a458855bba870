package cnn.compiler.cli.train;

import cnn.runtime.train.EpochResult;
import cnn.runtime.train.Evaluation;
import java.util.Locale;

/** How the log writes numbers: losses to 4 places, accuracies as per cent, times as 1h02m03s. */
final class Formats {

    private Formats() {
    }

    static String loss(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : String.valueOf(v);
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    /** A metric in [0, 1] such as mAP, to 3 places. */
    static String fraction(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    static String rate(double imagesPerSecond) {
        if (!Double.isFinite(imagesPerSecond)) {
            return "- img/s";
        }
        return String.format(Locale.ROOT, "%.0f img/s", imagesPerSecond);
    }

    /** {@code 45s}, {@code 3m05s}, {@code 1h02m03s}; {@code -} when unknown. */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "-";
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, (s % 3600) / 60, s % 60);
    }

    /** The line that closes an epoch in the log. */
    static String epoch(EpochResult e, int epochs) {
        StringBuilder sb = new StringBuilder();
        sb.append("epoch ").append(e.epoch()).append('/').append(epochs);
        if (e.partial()) {
            sb.append(" (").append(e.batches()).append(" batches)");
        }
        sb.append(": loss ").append(loss(e.trainLoss()));
        if (!Double.isNaN(e.trainAccuracy())) {
            sb.append(", accuracy ").append(percent(e.trainAccuracy()));
        }
        if (e.validation() != null) {
            sb.append(" | validation loss ").append(loss(e.validationLoss()));
            if (!Double.isNaN(e.validationAccuracy())) {
                sb.append(", accuracy ").append(percent(e.validationAccuracy()));
            }
            // other metrics (a detector's mAP) by name, as fractions
            e.validationMetrics().forEach((name, value) -> {
                if (!name.equals(Evaluation.ACCURACY)) {
                    sb.append(", ").append(name).append(' ').append(fraction(value));
                }
            });
        }
        sb.append(" | ").append(duration(e.trainSeconds())).append(", ").append(rate(e.imagesPerSecond()));
        return sb.toString();
    }
}
