package cnn.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.runtime.data.ArrayDataset;
import cnn.runtime.data.Batch;
import cnn.runtime.data.BatchLoader;
import cnn.runtime.data.Dataset;
import cnn.runtime.optim.Schedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitTest {

    private static final Dataset TRAIN = Blobs.make(600, 1);
    private static final Dataset VALIDATION = Blobs.make(300, 2);
    private static final int BATCH = 32;
    /** 600 samples in batches of 32: 18 full batches and one of 24. */
    private static final int BATCHES = 19;

    @TempDir
    Path dir;

    private static SoftmaxRegression model(String optimizer, double lr) {
        return new SoftmaxRegression(2, 2, 1, Blobs.CLASSES, BATCH,
                SoftmaxRegression.config(optimizer, lr, BATCH, 3, 42));
    }

    /** Records what the loop reports. */
    private static final class Recorder implements ProgressListener {
        final List<StepProgress> steps = new ArrayList<>();
        final List<EpochResult> epochs = new ArrayList<>();
        final List<Position> checkpoints = new ArrayList<>();
        FitPlan plan;
        FitResult result;

        @Override
        public void started(FitPlan p) {
            plan = p;
        }

        @Override
        public void step(StepProgress p) {
            steps.add(p);
        }

        @Override
        public void epochEnded(EpochResult r) {
            epochs.add(r);
        }

        @Override
        public void checkpointWritten(Path file, Position position) {
            checkpoints.add(position);
        }

        @Override
        public void finished(FitResult r) {
            result = r;
        }
    }

    @Test
    void learnsSeparableClusters() throws IOException {
        SoftmaxRegression m = model("sgd", 0.1);
        Recorder r = new Recorder();
        FitResult result = Fit.run(m, TRAIN, VALIDATION, FitOptions.from(m.config()).withEpochs(5), r);

        assertEquals(StopReason.COMPLETED, result.reason());
        assertEquals(5, result.history().size());
        assertEquals(new Position(5, 0, 5L * BATCHES), result.end());
        assertEquals(5L * BATCHES, m.steps());
        assertEquals(5L * BATCHES, r.steps.size());
        assertEquals(BATCHES, r.plan.batchesPerEpoch());
        EpochResult first = result.history().get(0);
        EpochResult last = result.last();
        assertTrue(last.trainLoss() < first.trainLoss(), "loss falls: " + first.trainLoss() + " → " + last.trainLoss());
        assertTrue(last.validationAccuracy() >= 0.98, "validation accuracy " + last.validationAccuracy());
        assertTrue(last.trainAccuracy() >= 0.95, "training accuracy " + last.trainAccuracy());
        assertEquals(300, last.validation().samples());
        assertEquals(List.of(1, 2, 3, 4, 5), result.history().stream().map(EpochResult::epoch).toList());
        assertTrue(last.imagesPerSecond() > 0);
        // The step events count up to the planned total and the ETA reaches 0 with the last step.
        StepProgress lastStep = r.steps.get(r.steps.size() - 1);
        assertEquals(5L * BATCHES, lastStep.step());
        assertEquals(5L * BATCHES, lastStep.totalSteps());
        assertEquals(BATCHES, lastStep.batch());
        assertTrue(lastStep.etaSeconds() <= 4 * VALIDATION.size(), "eta " + lastStep.etaSeconds());
        assertEquals(result, r.result);
    }

    @Test
    void stepScheduleChangesTheRatePerEpochAndCosinePerStep() throws IOException {
        SoftmaxRegression m = model("sgd", 0.2);
        Recorder r = new Recorder();
        Fit.run(m, TRAIN, null, FitOptions.from(m.config()).withSchedule(new Schedule.Step(2, 0.5)), r);
        for (StepProgress p : r.steps) {
            // StepLR(step_size=2, gamma=0.5) stepped per epoch: 0.2, 0.2, 0.1.
            double expected = p.epoch() < 2 ? 0.2 : 0.1;
            assertEquals(expected, p.learningRate(), 1e-15, "step " + p.step());
        }

        SoftmaxRegression c = model("sgd", 0.2);
        Recorder rc = new Recorder();
        Fit.run(c, TRAIN, null, FitOptions.from(c.config()).withSchedule(new Schedule.Cosine()), rc);
        long total = 3L * BATCHES;
        for (StepProgress p : rc.steps) {
            long before = p.step() - 1; // steps done before this one
            double expected = 0.2 * (1 + Math.cos(Math.PI * before / total)) / 2;
            assertEquals(expected, p.learningRate(), 1e-12, "step " + p.step());
        }
        assertEquals(0.2, rc.steps.get(0).learningRate(), 0);
    }

    @Test
    void doesWhatAHandWrittenLoopDoes() throws IOException {
        SoftmaxRegression viaFit = model("sgd", 0.05);
        Fit.run(viaFit, TRAIN, null, FitOptions.from(viaFit.config()).withEpochs(2).withPrefetch(0),
                ProgressListener.NONE);

        SoftmaxRegression byHand = model("sgd", 0.05);
        BatchLoader loader = new BatchLoader(TRAIN, BATCH, 42, List.of());
        for (int e = 0; e < 2; e++) {
            try (BatchLoader.Epoch epoch = loader.epoch(e)) {
                for (Batch b = epoch.next(); b != null; b = epoch.next()) {
                    byHand.setLearningRate(0.05);
                    byHand.step(b.x(), Targets.labels(b.labels()), b.size());
                }
            }
        }
        assertArrayEquals(byHand.parameters(), viaFit.parameters());
    }

    @Test
    void prefetchDoesNotChangeTheResult() throws IOException {
        SoftmaxRegression a = model("adam", 0.01);
        SoftmaxRegression b = model("adam", 0.01);
        Fit.run(a, TRAIN, null, FitOptions.from(a.config()).withPrefetch(0), ProgressListener.NONE);
        Fit.run(b, TRAIN, null, FitOptions.from(b.config()).withPrefetch(4), ProgressListener.NONE);
        assertArrayEquals(a.parameters(), b.parameters());
    }

    @Test
    void stepLimitStopsMidEpochAndCheckpointsThere() throws IOException {
        SoftmaxRegression m = model("sgd", 0.1);
        Path ckpt = dir.resolve("checkpoint.npz");
        Recorder r = new Recorder();
        FitResult result = Fit.run(m, TRAIN, VALIDATION,
                FitOptions.from(m.config()).withMaxSteps(7).withCheckpoint(ckpt), r);

        assertEquals(StopReason.STEP_LIMIT, result.reason());
        assertEquals(7, m.steps());
        assertEquals(7, r.plan.totalSteps());
        assertEquals(1, result.history().size());
        assertTrue(result.last().partial());
        assertEquals(7, result.last().batches());
        assertEquals(new Position(0, 7, 7), result.end());
        assertEquals(List.of(new Position(0, 7, 7)), r.checkpoints);
        assertEquals(new Position(0, 7, 7), Checkpoints.read(ckpt, m.tensorInfos()).position().orElseThrow());
    }

    @Test
    void aStepLimitAtTheEndOfAnEpochStartsNoOtherEpoch() throws IOException {
        SoftmaxRegression m = model("sgd", 0.1);
        Recorder r = new Recorder();
        FitResult result = Fit.run(m, TRAIN, null, FitOptions.from(m.config()).withMaxSteps(BATCHES), r);
        assertEquals(StopReason.STEP_LIMIT, result.reason());
        assertEquals(1, result.history().size());
        assertFalse(result.last().partial());
        assertEquals(new Position(1, 0, BATCHES), result.end());
    }

    @Test
    void aResumedRunEndsWithTheWeightsOfAnUnbrokenOne() throws IOException {
        SoftmaxRegression unbroken = model("adam", 0.02);
        Fit.run(unbroken, TRAIN, VALIDATION, FitOptions.from(unbroken.config()), ProgressListener.NONE);

        // Stopped at an epoch boundary, and in the middle of an epoch.
        for (int stopAfter : new int[] {BATCHES, BATCHES + 5}) {
            Path ckpt = dir.resolve("ckpt-" + stopAfter + ".npz");
            SoftmaxRegression first = model("adam", 0.02);
            Fit.run(first, TRAIN, VALIDATION,
                    FitOptions.from(first.config()).withMaxSteps(stopAfter).withCheckpoint(ckpt),
                    ProgressListener.NONE);

            SoftmaxRegression second = model("adam", 0.02);
            Checkpoint cp = Checkpoints.read(ckpt, second.tensorInfos());
            assertEquals(Checkpoint.OptimizerRestore.RESTORED, cp.restore(second));
            Recorder r = new Recorder();
            FitResult rest = Fit.run(second, TRAIN, VALIDATION,
                    FitOptions.from(second.config()).withStart(cp.position().orElseThrow()).withCheckpoint(ckpt), r);

            assertEquals(StopReason.COMPLETED, rest.reason());
            assertEquals(2, rest.history().get(0).epoch(), "continues in epoch 2");
            assertEquals(stopAfter + 1, r.steps.get(0).step(), "continues with the next step");
            assertEquals(3L * BATCHES - stopAfter, r.steps.size());
            assertArrayEquals(unbroken.parameters(), second.parameters(), "stopped after " + stopAfter);
        }
    }

    @Test
    void aLossThatIsNoLongerANumberStopsTheRunAndKeepsTheLastGoodCheckpoint() throws IOException {
        // The rate is 0.1 in epoch 1 and 0.1 · 1e40 (infinite as a float) from epoch 2: the first
        // step of epoch 2 turns the weights infinite, and the loss of the second step is NaN.
        SoftmaxRegression m = model("sgd", 0.1);
        Path ckpt = dir.resolve("checkpoint.npz");
        FitResult result = Fit.run(m, TRAIN, VALIDATION, FitOptions.from(m.config())
                .withSchedule(new Schedule.Step(1, 1e40)).withCheckpoint(ckpt), ProgressListener.NONE);

        assertEquals(StopReason.NON_FINITE_LOSS, result.reason());
        assertTrue(result.message().contains("at step " + (BATCHES + 2) + " (epoch 2, batch 2 of " + BATCHES + ")"),
                result.message());
        assertTrue(result.message().contains("the last good checkpoint is " + ckpt + " (epoch 1, step " + BATCHES
                + ")"), result.message());
        assertEquals(BATCHES + 1, m.steps(), "the gradients of the bad step were not applied");
        assertEquals(1, result.history().size());
        assertEquals(new Position(1, 0, BATCHES), result.end());

        Checkpoint kept = Checkpoints.read(ckpt, m.tensorInfos());
        assertEquals(new Position(1, 0, BATCHES), kept.position().orElseThrow());
        for (float[] t : kept.tensors().values()) {
            for (float v : t) {
                assertTrue(Float.isFinite(v));
            }
        }
    }

    @Test
    void withoutStepOutputsTheTrainingAccuracyIsSampledBeforeTheStep() throws IOException {
        // Fewer than SAMPLE_EVERY batches per epoch: only batch 0 is measured, with the initial
        // zero weights, which predict class 0 for every sample (the first of equal outputs).
        Dataset small = Blobs.make(90, 3);
        SoftmaxRegression inner = model("sgd", 0.1);
        TrainableModel hidden = new Delegating(inner);
        FitResult result = Fit.run(hidden, small, null, FitOptions.from(inner.config()).withEpochs(1),
                ProgressListener.NONE);

        int zeros = 0;
        try (BatchLoader.Epoch epoch = new BatchLoader(small, BATCH, 42, List.of()).withPrefetch(0).epoch(0)) {
            Batch b = epoch.next();
            for (int s = 0; s < b.size(); s++) {
                zeros += b.labels()[s] == 0 ? 1 : 0;
            }
        }
        assertEquals((double) zeros / BATCH, result.last().trainAccuracy(), 1e-12);
    }

    @Test
    void validationMeasuresTheMetricsItIsGiven() throws IOException {
        // A metric of our own in place of accuracy, as a detection head's mAP will be: the share of
        // validation samples whose top output is class 0, checked against a count by hand.
        Evaluation.Metric firstClass = new Evaluation.Metric() {
            private long hits;
            private long total;

            @Override
            public String name() {
                return "predicts_0";
            }

            @Override
            public void reset() {
                hits = 0;
                total = 0;
            }

            @Override
            public void add(float[] outputs, int outputSize, Batch batch) {
                for (int s = 0; s < batch.size(); s++) {
                    hits += cnn.runtime.metrics.Accuracy.argmax(outputs, s * outputSize, outputSize) == 0 ? 1 : 0;
                }
                total += batch.size();
            }

            @Override
            public double value() {
                return (double) hits / total;
            }
        };
        SoftmaxRegression m = model("sgd", 0.1);
        FitResult result = Fit.run(m, TRAIN, VALIDATION, FitOptions.from(m.config()).withEpochs(1),
                ProgressListener.NONE, List.of(firstClass));

        float[] out = new float[VALIDATION.size() * Blobs.CLASSES];
        float[] x = new float[VALIDATION.size() * 4];
        for (int i = 0; i < VALIDATION.size(); i++) {
            VALIDATION.copyImage(i, x, i * 4);
        }
        SoftmaxRegression copy = model("sgd", 0.1);
        copy.loadTensors(m.tensors());
        int zeros = 0;
        for (int i = 0; i < VALIDATION.size(); i += BATCH) {
            int n = Math.min(BATCH, VALIDATION.size() - i);
            float[] part = new float[n * Blobs.CLASSES];
            copy.forward(java.util.Arrays.copyOfRange(x, i * 4, (i + n) * 4), n, part);
            System.arraycopy(part, 0, out, i * Blobs.CLASSES, part.length);
        }
        for (int s = 0; s < VALIDATION.size(); s++) {
            zeros += cnn.runtime.metrics.Accuracy.argmax(out, s * Blobs.CLASSES, Blobs.CLASSES) == 0 ? 1 : 0;
        }
        assertEquals(java.util.Map.of("predicts_0", (double) zeros / VALIDATION.size()),
                result.last().validationMetrics());
        assertEquals(Double.NaN, result.last().validationAccuracy());
    }

    @Test
    void setsASeedPerStepThatDependsOnlyOnTheStep() throws IOException {
        SoftmaxRegression m = model("sgd", 0.1);
        Fit.run(m, TRAIN, null, FitOptions.from(m.config()).withMaxSteps(5), ProgressListener.NONE);
        assertEquals(Fit.stepSeed(42, 4), m.seed());
        assertTrue(Fit.stepSeed(42, 4) != Fit.stepSeed(42, 5));
        assertTrue(Fit.stepSeed(42, 4) != Fit.stepSeed(43, 4));
    }

    @Test
    void dataThatDoesNotFitTheModelIsRefusedInWords() {
        SoftmaxRegression m = model("sgd", 0.1);
        FitOptions o = FitOptions.from(m.config());
        Dataset big = ArrayDataset.labelled(3, 3, 1, new float[9], new int[] {0}, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fit.run(m, big, null, o, ProgressListener.NONE));
        assertEquals("training data has 3x3x1 images but Softmax takes 2x2x1", e.getMessage());

        Dataset manyClasses = ArrayDataset.labelled(2, 2, 1, new float[4], new int[] {4}, 5);
        e = assertThrows(IllegalArgumentException.class,
                () -> Fit.run(m, TRAIN, manyClasses, o, ProgressListener.NONE));
        assertEquals("validation data has 5 classes but Softmax has 3 outputs", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> Fit.run(m, TRAIN, null, o.withBatch(64), ProgressListener.NONE));
        assertEquals("batch size 64 is larger than the 32 the trainer of Softmax was built for", e.getMessage());
    }

    @Test
    void nothingIsLeftToDoWhenTheCheckpointHasEveryEpoch() throws IOException {
        SoftmaxRegression m = model("sgd", 0.1);
        Recorder r = new Recorder();
        FitResult result = Fit.run(m, TRAIN, null,
                FitOptions.from(m.config()).withStart(new Position(3, 0, 3L * BATCHES)), r);
        assertEquals(StopReason.COMPLETED, result.reason());
        assertTrue(result.history().isEmpty());
        assertEquals(0, m.steps());
        assertEquals(0, r.plan.stepsThisRun());
        assertFalse(Files.exists(dir.resolve("checkpoint.npz")));
    }
}
