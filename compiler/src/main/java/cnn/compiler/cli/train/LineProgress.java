package cnn.compiler.cli.train;

import cnn.runtime.train.EpochResult;
import cnn.runtime.train.FitPlan;
import cnn.runtime.train.Position;
import cnn.runtime.train.ProgressListener;
import cnn.runtime.train.StepProgress;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Progress as plain lines, for logs and pipes where a redrawn bar would be noise: a line about
 * every tenth of an epoch (loss, accuracy, images/s, ETA), then one per finished epoch.
 */
public final class LineProgress implements ProgressListener {

    /** Lines per epoch, besides the epoch's closing line. */
    static final int LINES_PER_EPOCH = 10;

    private final PrintWriter out;
    private final boolean steps;
    private int every = 1;
    private int epochs;

    /** @param steps whether to print the lines within an epoch, or only each epoch's closing line */
    public LineProgress(PrintWriter out, boolean steps) {
        this.out = out;
        this.steps = steps;
    }

    @Override
    public void started(FitPlan plan) {
        every = Math.max(1, (plan.batchesPerEpoch() + LINES_PER_EPOCH - 1) / LINES_PER_EPOCH);
        epochs = plan.epochs();
    }

    @Override
    public void step(StepProgress p) {
        if (!steps || p.batch() % every != 0 || p.batch() == p.batches()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("epoch ").append(p.epoch() + 1).append('/').append(p.epochs())
                .append("  batch ").append(p.batch()).append('/').append(p.batches())
                .append("  loss ").append(Formats.loss(p.epochLoss()));
        if (!Double.isNaN(p.epochAccuracy())) {
            sb.append("  accuracy ").append(Formats.percent(p.epochAccuracy()));
        }
        sb.append("  ").append(Formats.rate(p.imagesPerSecond()))
                .append("  eta ").append(Formats.duration(p.etaSeconds()));
        out.println(sb);
        out.flush();
    }

    @Override
    public void epochEnded(EpochResult result) {
        out.println(Formats.epoch(result, epochs));
        out.flush();
    }

    @Override
    public void checkpointWritten(Path file, Position position) {
        out.println("checkpoint " + file + " (epoch " + (position.batch() == 0 ? position.epoch()
                : position.epoch() + 1) + ", step " + position.step() + ")");
        out.flush();
    }
}
