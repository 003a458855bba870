package cnn.compiler.cli.train;

import cnn.runtime.train.EpochResult;
import cnn.runtime.train.FitPlan;
import cnn.runtime.train.FitResult;
import cnn.runtime.train.ProgressListener;
import cnn.runtime.train.StepProgress;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress for a terminal: one bar per epoch redrawn in place (by the progressbar library, on
 * stderr) with the running loss, accuracy, images/s and the whole run's ETA, and a line per
 * finished epoch on {@code out}.
 */
public final class BarProgress implements ProgressListener {

    private final PrintWriter out;
    private ProgressBar bar;
    private String message = "";
    private int batches;
    private int epochs;

    public BarProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void started(FitPlan plan) {
        batches = plan.batchesPerEpoch();
        epochs = plan.epochs();
    }

    @Override
    public void epochStarted(int epoch, int total) {
        close();
        bar = new ProgressBarBuilder()
                .setTaskName("epoch " + (epoch + 1) + "/" + total)
                .setInitialMax(batches)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setUpdateIntervalMillis(250)
                .setUnit(" batches", 1)
                .hideEta()
                .build();
    }

    @Override
    public void step(StepProgress p) {
        if (bar == null) {
            return;
        }
        bar.stepTo(p.batch());
        StringBuilder sb = new StringBuilder();
        sb.append("loss ").append(Formats.loss(p.epochLoss()));
        if (!Double.isNaN(p.epochAccuracy())) {
            sb.append(" acc ").append(Formats.percent(p.epochAccuracy()));
        }
        sb.append(" ").append(Formats.rate(p.imagesPerSecond())).append(" eta ").append(Formats.duration(p.etaSeconds()));
        message = sb.toString();
        bar.setExtraMessage(message);
    }

    @Override
    public void validating(int epoch) {
        if (bar != null) {
            bar.setExtraMessage(message + " (validating…)");
            bar.refresh();
        }
    }

    @Override
    public void epochEnded(EpochResult result) {
        close();
        out.println(Formats.epoch(result, epochs));
        out.flush();
    }

    @Override
    public void finished(FitResult result) {
        close();
    }

    private void close() {
        if (bar != null) {
            bar.setExtraMessage(message);
            bar.close();
            bar = null;
        }
    }
}
