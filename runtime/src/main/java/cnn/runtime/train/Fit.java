package cnn.runtime.train;

import cnn.runtime.data.Batch;
import cnn.runtime.data.BatchLoader;
import cnn.runtime.data.Dataset;
import cnn.runtime.init.Rng;
import cnn.runtime.metrics.RunningMean;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training loop every generated trainer shares: epochs of shuffled, seeded, prefetched
 * batches; the schedule's rate before each step; a validation pass after each epoch; a
 * checkpoint after each epoch; progress after each step.
 *
 * <p>A loss that is NaN or infinite stops the run before its gradients are applied, with a
 * message naming the step; no checkpoint is written after that, so the last one on disk holds
 * good weights. A resumed run ({@link FitOptions#start()}) sees the same batches, augmentation
 * and dropout masks as an unbroken one: all of them are seeded by (seed, epoch) or (seed, step).
 */
public final class Fit {

    private Fit() {
    }

    /**
     * Trains {@code model} on {@code train}.
     *
     * @param validation evaluated after every epoch; null for none
     * @throws IllegalArgumentException when the data does not fit the model or the options the trainer
     * @throws IOException              when a checkpoint cannot be written
     */
    public static FitResult run(TrainableModel model, Dataset train, Dataset validation, FitOptions options,
                                ProgressListener listener) throws IOException {
        return run(model, train, validation, options, listener,
                validation == null ? List.of() : Evaluation.defaultMetrics(validation));
    }

    /**
     * As {@link #run(TrainableModel, Dataset, Dataset, FitOptions, ProgressListener)}, measuring
     * {@code metrics} in every validation pass (e.g. mAP for a detection head) instead of the
     * default accuracy; each {@link EpochResult#validationMetrics()} holds their values.
     */
    public static FitResult run(TrainableModel model, Dataset train, Dataset validation, FitOptions options,
                                ProgressListener listener, List<Evaluation.Metric> metrics) throws IOException {
        return new Run(model, train, validation, options, listener, metrics).run();
    }

    /** The seed of the dropout masks of step {@code step}: the same in a resumed run as in an unbroken one. */
    static long stepSeed(long seed, long step) {
        return Rng.stream(seed, "dropout/" + step).nextLong();
    }

    /** One call of {@link #run}: its counters live here rather than in a long method. */
    private static final class Run {
        private final TrainableModel model;
        private final Dataset validation;
        private final FitOptions o;
        private final ProgressListener listener;
        private final List<Evaluation.Metric> metrics;
        private final BatchLoader loader;
        private final int batches;
        private final long totalSteps;
        private final TrainingAccuracy accuracy;
        private final RunningMean loss = new RunningMean();
        private final List<EpochResult> history = new ArrayList<>();
        private final long startNanos = System.nanoTime();
        private long step;
        private double trainSecondsThisRun;
        private double lastValidationSeconds;
        private Position lastCheckpoint;

        Run(TrainableModel model, Dataset train, Dataset validation, FitOptions o, ProgressListener listener,
            List<Evaluation.Metric> metrics) {
            DataFit.check(model, train, "training data");
            if (validation != null) {
                DataFit.check(model, validation, "validation data");
            }
            if (o.batch() > model.maxBatch()) {
                throw new IllegalArgumentException("batch size " + o.batch() + " is larger than the "
                        + model.maxBatch() + " the trainer of " + model.info().name() + " was built for");
            }
            this.model = model;
            this.validation = validation;
            this.o = o;
            this.listener = listener;
            this.metrics = List.copyOf(metrics);
            this.loader = new BatchLoader(train, o.batch(), o.seed(), o.augment()).withPrefetch(o.prefetch());
            this.batches = loader.batchesPerEpoch();
            Position start = o.start();
            if (start.batch() >= batches && batches > 0) {
                throw new IllegalArgumentException("the run to resume stopped after batch " + start.batch()
                        + " of epoch " + (start.epoch() + 1) + ", but an epoch now has only " + batches
                        + " batches (other data or another batch size)");
            }
            long remaining = Math.max(0, ((long) o.epochs() - start.epoch()) * batches - start.batch());
            if (o.maxSteps() > 0) {
                remaining = Math.min(remaining, o.maxSteps());
            }
            this.step = start.step();
            this.totalSteps = start.step() + remaining;
            this.accuracy = new TrainingAccuracy(model, train.classes() > 0, o.batch());
            this.lastCheckpoint = start.isStart() ? null : start;
        }

        FitResult run() throws IOException {
            Position start = o.start();
            listener.started(new FitPlan(model.info().name(), loader.data().size(),
                    validation == null ? 0 : validation.size(), o.batch(), batches, o.epochs(), start, totalSteps));
            StopReason reason = StopReason.COMPLETED;
            Position end = start;
            for (int epoch = start.epoch(); epoch < o.epochs(); epoch++) {
                if (step >= totalSteps) {
                    reason = StopReason.STEP_LIMIT;
                    break;
                }
                int first = epoch == start.epoch() ? start.batch() : 0;
                EpochOutcome outcome = trainEpoch(epoch, first);
                if (outcome.failure() != null) {
                    return finish(StopReason.NON_FINITE_LOSS, outcome.failure(), lastCheckpointOrStart());
                }
                boolean partial = outcome.done() < batches;
                listener.validating(epoch);
                Evaluation.Result val = null;
                if (validation != null) {
                    val = Evaluation.run(model, validation, o.batch(), metrics);
                    lastValidationSeconds = val.seconds();
                    if (!Double.isFinite(val.loss())) {
                        return finish(StopReason.NON_FINITE_LOSS, "the validation loss after epoch " + (epoch + 1)
                                + " is " + val.loss() + guidance(outcome.lr()), lastCheckpointOrStart());
                    }
                }
                EpochResult result = new EpochResult(epoch + 1, outcome.done() - first, partial, step, loss.mean(),
                        accuracy.value(), val, outcome.lr(), outcome.seconds(),
                        outcome.samples() / Math.max(outcome.seconds(), 1e-9));
                history.add(result);
                listener.epochEnded(result);
                end = partial ? new Position(epoch, outcome.done(), step) : new Position(epoch + 1, 0, step);
                writeCheckpoint(end);
                if (partial) {
                    reason = StopReason.STEP_LIMIT;
                    break;
                }
            }
            return finish(reason, "", end);
        }

        private record EpochOutcome(int done, int samples, double seconds, double lr, String failure) {
        }

        private EpochOutcome trainEpoch(int epoch, int first) {
            listener.epochStarted(epoch, o.epochs());
            loss.reset();
            accuracy.reset();
            long epochStart = System.nanoTime();
            int done = first;
            int samples = 0;
            double lr = Double.NaN;
            try (BatchLoader.Epoch batchesOfEpoch = loader.epoch(epoch)) {
                for (Batch b = batchesOfEpoch.next(); b != null; b = batchesOfEpoch.next()) {
                    if (b.number() < first) {
                        continue; // already trained before the checkpoint this run resumes from
                    }
                    if (step >= totalSteps) {
                        break;
                    }
                    lr = LearningRates.at(o.schedule(), o.lr(), epoch, o.epochs(), step, totalSteps);
                    model.setLearningRate(lr);
                    model.setSeed(stepSeed(o.seed(), step));
                    accuracy.beforeStep(b);
                    float l = model.computeGradients(b.x(), DataFit.targets(b), b.size());
                    if (!Float.isFinite(l)) {
                        String failure = "the loss became " + l + " at step " + (step + 1) + " (epoch " + (epoch + 1)
                                + ", batch " + (done + 1) + " of " + batches + ")" + guidance(lr);
                        return new EpochOutcome(done, samples, seconds(epochStart), lr, failure);
                    }
                    model.applyGradients();
                    step++;
                    done++;
                    samples += b.size();
                    loss.add(l, b.size());
                    accuracy.afterStep(b);
                    double epochSeconds = seconds(epochStart);
                    listener.step(new StepProgress(epoch, o.epochs(), done, batches, step, totalSteps, l, loss.mean(),
                            accuracy.value(), samples / Math.max(epochSeconds, 1e-9),
                            eta(epochSeconds, epoch), lr));
                }
            }
            double epochSeconds = seconds(epochStart);
            trainSecondsThisRun += epochSeconds;
            return new EpochOutcome(done, samples, epochSeconds, lr, null);
        }

        /** Remaining steps at this run's pace so far, plus a validation pass per remaining epoch. */
        private double eta(double epochSeconds, int epoch) {
            long stepsThisRun = step - o.start().step();
            if (stepsThisRun == 0) {
                return Double.NaN;
            }
            double perStep = (trainSecondsThisRun + epochSeconds) / stepsThisRun;
            int epochsLeft = o.epochs() - epoch;
            double validationLeft = validation == null ? 0 : lastValidationSeconds * epochsLeft;
            return perStep * (totalSteps - step) + validationLeft;
        }

        private void writeCheckpoint(Position position) throws IOException {
            if (o.checkpoint().isEmpty()) {
                return;
            }
            Path file = o.checkpoint().get();
            Checkpoints.write(file, model, position);
            lastCheckpoint = position;
            listener.checkpointWritten(file, position);
        }

        private String guidance(double lr) {
            String where;
            if (o.checkpoint().isEmpty()) {
                where = "; no checkpoint is kept";
            } else if (lastCheckpoint == null) {
                where = "; no checkpoint had been written yet";
            } else {
                where = "; the last good checkpoint is " + o.checkpoint().get() + " (epoch "
                        + (lastCheckpoint.batch() == 0 ? lastCheckpoint.epoch() : lastCheckpoint.epoch() + 1)
                        + ", step " + lastCheckpoint.step() + ")";
            }
            return where + "; try a lower learning rate than " + (float) lr;
        }

        private Position lastCheckpointOrStart() {
            return lastCheckpoint != null ? lastCheckpoint : o.start();
        }

        private FitResult finish(StopReason reason, String message, Position end) {
            FitResult result = new FitResult(history, reason, message, end, seconds(startNanos));
            listener.finished(result);
            return result;
        }

        private static double seconds(long since) {
            return (System.nanoTime() - since) / 1e9;
        }
    }
}
