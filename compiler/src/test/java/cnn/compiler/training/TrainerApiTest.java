package cnn.compiler.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.codegen.GeneratedFile;
import cnn.compiler.codegen.JavaGenerator;
import cnn.compiler.codegen.training.TrainerGenerator;
import cnn.compiler.codegen.training.TrainerJit;
import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.PadSpec;
import cnn.compiler.graph.TrainSpec;
import cnn.compiler.jit.JitException;
import cnn.compiler.testing.Ops;
import cnn.compiler.testing.TestNet;
import cnn.runtime.kernels.Parallel;
import cnn.runtime.model.Model;
import cnn.runtime.optim.Adam;
import cnn.runtime.optim.Sgd;
import cnn.runtime.data.ArrayDataset;
import cnn.runtime.data.Dataset;
import cnn.runtime.train.EpochResult;
import cnn.runtime.train.Evaluation;
import cnn.runtime.train.FitResult;
import cnn.runtime.train.ProgressListener;
import cnn.runtime.train.StepOutputs;
import cnn.runtime.train.StopReason;
import cnn.runtime.train.Targets;
import cnn.runtime.train.TrainableModel;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The float trainer through {@code TrainableModel}: learning, determinism, freezing, inference, errors. */
class TrainerApiTest {

    private static final Activation RELU = Activation.of(Activation.Kind.RELU);
    private static final Parallel ONE = new Parallel(1);
    private static final Parallel THREE = new Parallel(3);

    /** Conv, batchnorm, dropout, pooling and a softmax classifier: every kind of state a step touches. */
    static Network classifier() {
        return TestNet.input("Classifier", 6, 6, 1)
                .add("conv_1", Ops.conv(4, 3, 1, PadSpec.SAME))
                .add("bn_1", new Op.BatchNorm(1e-5, 0.1), RELU)
                .add("maxpool_1", Ops.maxpool(2, 2, PadSpec.VALID))
                .add("dropout_1", new Op.Dropout(0.25))
                .add("flatten_1", new Op.Flatten())
                .add("dense_1", Ops.dense(2), Activation.of(Activation.Kind.SOFTMAX))
                .build();
    }

    private static final TrainerJit.Compiled CLASSIFIER = Trainers.compile(classifier());

    /** Class 0 is bright on the left half, class 1 on the right half, with noise. */
    record Data(float[] x, int[] labels) {
        static Data make(int n, long seed) {
            Random r = new Random(seed);
            float[] x = new float[n * 36];
            int[] labels = new int[n];
            for (int s = 0; s < n; s++) {
                labels[s] = r.nextInt(2);
                for (int y = 0; y < 6; y++) {
                    for (int c = 0; c < 6; c++) {
                        boolean lit = (c < 3) == (labels[s] == 0);
                        x[s * 36 + y * 6 + c] = (lit ? 1f : 0f) + (float) (0.3 * r.nextGaussian());
                    }
                }
            }
            return new Data(x, labels);
        }
    }

    private static TrainableModel trainer(TrainerJit.Compiled c, long seed, int maxBatch, Parallel parallel) {
        return c.trainer().create(c.model().init(seed).tensors(), maxBatch, parallel);
    }

    @Test
    void learnsAnEasyProblem() {
        TrainableModel t = trainer(CLASSIFIER, 1, 64, THREE);
        t.setLearningRate(0.05);
        Data test = Data.make(64, 99);
        float[] out = new float[64 * 2];
        float before = t.evaluate(test.x(), Targets.labels(test.labels()), 64, out);
        for (int step = 0; step < 60; step++) {
            Data batch = Data.make(16, step);
            float loss = t.step(batch.x(), Targets.labels(batch.labels()), 16);
            assertTrue(Float.isFinite(loss));
        }
        float after = t.evaluate(test.x(), Targets.labels(test.labels()), 64, out);
        assertTrue(after < 0.25 * before, "loss " + before + " -> " + after);
        int right = 0;
        for (int s = 0; s < 64; s++) {
            right += (out[2 * s + 1] > out[2 * s]) == (test.labels()[s] == 1) ? 1 : 0;
        }
        assertTrue(right >= 62, right + " of 64 right");
    }

    private static float[] train(TrainableModel t, int steps) {
        t.setSeed(7);
        for (int step = 0; step < steps; step++) {
            Data batch = Data.make(10, step);
            t.step(batch.x(), Targets.labels(batch.labels()), 10);
        }
        return t.parameters().clone();
    }

    @Test
    void theSameSeedAndThreadCountGiveTheSameWeightsBitForBit() {
        float[] a = train(trainer(CLASSIFIER, 3, 10, THREE), 8);
        float[] b = train(trainer(CLASSIFIER, 3, 10, new Parallel(3)), 8);
        assertArrayEquals(a, b);
        float[] one = train(trainer(CLASSIFIER, 3, 10, ONE), 8);
        for (int i = 0; i < a.length; i++) {
            assertEquals(one[i], a[i], 1e-4 * Math.max(1, Math.abs(one[i])), "other thread counts differ by rounding only");
        }
        TrainableModel reseeded = trainer(CLASSIFIER, 3, 10, THREE);
        float[] c = train(reseeded, 0);
        reseeded.setSeed(8);
        Data batch = Data.make(10, 0);
        reseeded.step(batch.x(), Targets.labels(batch.labels()), 10);
        TrainableModel same = trainer(CLASSIFIER, 3, 10, THREE);
        same.setSeed(7);
        same.step(batch.x(), Targets.labels(batch.labels()), 10);
        assertFalse(Arrays.equals(reseeded.parameters(), same.parameters()), "another seed, other dropout masks");
        assertEquals(c.length, a.length);
    }

    @Test
    void frozenLayersKeepTheirWeightsAndBatchnormItsRunningStatistics() {
        Network net = Nets.frozen(classifier(), "conv_1", "bn_1");
        TrainerJit.Compiled c = Trainers.compile(net);
        TrainableModel t = trainer(c, 5, 10, ONE);
        Map<String, float[]> before = t.tensors();
        assertFalse(t.layout().tensor("conv_1.weight").trainable());
        train(t, 3);
        Map<String, float[]> after = t.tensors();
        for (String k : List.of("conv_1.weight", "conv_1.bias", "bn_1.weight", "bn_1.bias", "bn_1.running_mean",
                "bn_1.running_var")) {
            assertArrayEquals(before.get(k), after.get(k), k);
        }
        assertFalse(Arrays.equals(before.get("dense_1.weight"), after.get("dense_1.weight")));
        for (int i = 0; i < 40; i++) {
            assertEquals(0f, t.gradients()[i], "frozen layers get no gradient");
        }

        t.setFrozen("bn_1", false);
        train(t, 1);
        assertFalse(Arrays.equals(before.get("bn_1.running_mean"), t.tensors().get("bn_1.running_mean")),
                "unfrozen, batchnorm moves its statistics again");
        assertArrayEquals(before.get("conv_1.weight"), t.tensors().get("conv_1.weight"));

        t.trainOnlyLast(1);
        assertEquals(List.of("conv_1", "bn_1", "dense_1"), t.layers());
        Map<String, float[]> mid = t.tensors();
        train(t, 2);
        assertArrayEquals(mid.get("bn_1.weight"), t.tensors().get("bn_1.weight"));
        assertArrayEquals(mid.get("bn_1.running_var"), t.tensors().get("bn_1.running_var"));
        assertFalse(Arrays.equals(mid.get("dense_1.bias"), t.tensors().get("dense_1.bias")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.setFrozen("maxpool_1", true));
        assertEquals("Classifier has no trainable layer maxpool_1; its trainable layers are [conv_1, bn_1, dense_1]",
                e.getMessage());
    }

    @Test
    void inferenceEqualsTheGeneratedModelWithTheTrainedWeights() {
        TrainableModel t = trainer(CLASSIFIER, 11, 10, THREE);
        train(t, 5);
        Data d = Data.make(7, 42);
        float[] fromTrainer = new float[14];
        t.forward(d.x(), 7, fromTrainer);
        Model m = t.model();
        float[] fromModel = new float[14];
        m.predict(d.x(), 7, fromModel);
        for (int i = 0; i < 14; i++) {
            assertEquals(fromModel[i], fromTrainer[i], 1e-5, "output " + i);
        }
        assertEquals(1f, fromTrainer[0] + fromTrainer[1], 1e-6, "the fused softmax is applied");
        assertEquals(t.tensors().keySet(), m.tensors().keySet());
        t.tensors().forEach((k, v) -> assertArrayEquals(v, m.tensors().get(k), k));
    }

    @Test
    void evaluateScoresInferenceOutputsAndChangesNothing() {
        TrainableModel t = trainer(CLASSIFIER, 12, 10, ONE);
        train(t, 2);
        Map<String, float[]> before = t.tensors();
        Data d = Data.make(9, 5);
        float[] out = new float[18];
        float loss = t.evaluate(d.x(), Targets.labels(d.labels()), 9, out);
        double expected = 0;
        for (int s = 0; s < 9; s++) {
            expected -= Math.log(out[2 * s + d.labels()[s]]) / 9;
        }
        assertEquals(expected, loss, 1e-5);
        t.tensors().forEach((k, v) -> assertArrayEquals(before.get(k), v, k));
        float[] again = new float[18];
        assertEquals(loss, t.evaluate(d.x(), Targets.labels(d.labels()), 9, again));
        assertArrayEquals(out, again);
    }

    @Test
    void tensorsRoundTripAndLoadingChecksNames() {
        TrainableModel a = trainer(CLASSIFIER, 13, 10, ONE);
        train(a, 2);
        TrainableModel b = CLASSIFIER.trainer().create(a.tensors(), 10, ONE);
        assertArrayEquals(a.parameters(), b.parameters());
        b.loadTensors(a.tensors());
        assertArrayEquals(a.parameters(), b.parameters());
        Map<String, float[]> missing = new java.util.LinkedHashMap<>(a.tensors());
        missing.remove("bn_1.running_var");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.loadTensors(missing));
        assertEquals("missing tensor bn_1.running_var [4]", e.getMessage());
        assertEquals(List.of("conv_1.weight", "conv_1.bias", "bn_1.weight", "bn_1.bias", "bn_1.running_mean",
                "bn_1.running_var", "dense_1.weight", "dense_1.bias"),
                a.tensorInfos().stream().map(ti -> ti.name()).toList());
    }

    @Test
    void badCallsAreRefusedWithAMessage() {
        TrainableModel t = trainer(CLASSIFIER, 14, 4, ONE);
        Data d = Data.make(5, 1);
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> t.step(d.x(), Targets.labels(d.labels()), 5));
        assertEquals("a batch of 5 samples: this trainer takes 1 to 4", big.getMessage());
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> t.step(d.x(), Targets.labels(new int[2]), 4));
        assertEquals("4 samples need 4 class labels, got 2", few.getMessage());
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> t.step(d.x(), Targets.labels(new int[] {0, 1, 2, 0}), 4));
        assertTrue(label.getMessage().contains("sample 2 has label 2"), label.getMessage());
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> Trainers.compile(TestNet.input("Vector", 2, 2, 1).add("flatten_1", new Op.Flatten())
                        .add("dense_1", Ops.dense(3)).add("bn_1", new Op.BatchNorm(1e-5, 0.1)).build())
                        .trainer().create(Map.of("dense_1.weight", new float[12], "dense_1.bias", new float[3],
                                "bn_1.weight", new float[3], "bn_1.bias", new float[3], "bn_1.running_mean",
                                new float[3], "bn_1.running_var", new float[3]), 2, ONE)
                        .step(new float[4], Targets.values(new float[3]), 1));
        assertEquals("batchnorm bn_1: training needs more than one value per channel, got a batch of 1 on a 3 input;"
                + " train with larger batches", one.getMessage());

        TrainerJit.Compiled mse = Trainers.compile(Nets.withLoss(classifier(), TrainSpec.Loss.MSE));
        TrainableModel m = trainer(mse, 1, 4, ONE);
        IllegalArgumentException labels = assertThrows(IllegalArgumentException.class,
                () -> m.step(d.x(), Targets.labels(new int[4]), 4));
        assertEquals("Classifier trains with loss mse, which takes float targets shaped like the output "
                + "(2 values per sample), not class labels", labels.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.forward(d.x(), 4, new float[7]));
    }

    @Test
    void slidingWindowModelsHaveNoTrainer() {
        Network scanner = TestNet.input("Scanner", 6, 6, 1)
                .add("conv_1", Ops.conv(2, 3, 1, PadSpec.VALID))
                .add("dense_1", new Op.SlidingDense(3, 4, 4, 2, true)).weightsFrom("Detector").build();
        JitException e = assertThrows(JitException.class, () -> TrainerJit.compile(scanner));
        assertTrue(e.getMessage().startsWith("model Scanner is a sliding window over Detector and is inference-only"));
    }

    @Test
    void aStepAllocatesNothing() {
        TrainableModel t = trainer(CLASSIFIER, 15, 10, ONE);
        Data d = Data.make(10, 3);
        Targets labels = Targets.labels(d.labels());
        // long enough for the JIT to compile the Vector API kernels, whose vectors are objects until then
        // (a step runs some of them once, so they take as many steps as the inference test takes calls)
        for (int i = 0; i < 40_000; i++) {
            t.step(d.x(), labels, 10);
        }
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(id);
        for (int i = 0; i < 50; i++) {
            t.step(d.x(), labels, 10);
        }
        long perStep = (bean.getThreadAllocatedBytes(id) - before) / 50;
        assertTrue(perStep < 64, perStep + " bytes allocated per step");
    }

    @Test
    void theTrainSectionChoosesTheOptimizerAndTheDefaults() {
        TrainSpec adam = new TrainSpec(Optional.empty(), new TrainSpec.Adam(0.002, 0.8, 0.99, 0.0),
                new TrainSpec.Cosine(), 32, 3, List.of(new TrainSpec.Flip(true, false), new TrainSpec.Rotate(15)), 9);
        TrainerJit.Compiled c = Trainers.compile(Nets.withTrain(classifier(), adam));
        TrainableModel t = c.trainer().create(c.model().init(1), 8);
        Adam opt = assertInstanceOf(Adam.class, t.optimizer());
        assertEquals(new Adam.Config(0.8, 0.99, 1e-8, 0, false), opt.config());
        assertEquals(0.002, t.learningRate());
        assertEquals("cross_entropy", t.config().loss());
        assertEquals("adam", t.config().optimizer());
        assertEquals(List.of("flip(horizontal)", "rotate(15)"), t.config().augment());
        assertEquals(32, t.config().batch());
        assertEquals(9, t.config().seed());
        TrainableModel d = trainer(CLASSIFIER, 1, 4, ONE);
        assertEquals(new Sgd.Config(0.9, 0, 0, false), assertInstanceOf(Sgd.class, d.optimizer()).config());
        assertEquals(0.01, d.learningRate());
        assertEquals(64, d.config().batch());
        assertEquals(2, d.outputSize());
        assertEquals(36, d.inputSize());
        assertEquals("Classifier", d.info().name());
    }

    @Test
    void headsTrainOnFloatTargets() {
        TrainerJit.Compiled c = Trainers.compile(TestNet.input("Box", 6, 6, 1)
                .add("conv_1", Ops.conv(4, 3, 2, PadSpec.SAME), RELU)
                .add("flatten_1", new Op.Flatten())
                .add("dense_1", Ops.dense(7))
                .add("localize_1", new Op.Localize(2)).build());
        TrainableModel t = c.trainer().create(c.model().init(2).tensors(), 8, ONE);
        t.setLearningRate(0.05);
        Data d = Data.make(8, 4);
        float[] targets = new float[8 * 7];
        for (int s = 0; s < 8; s++) {
            targets[s * 7] = 1;
            targets[s * 7 + 1] = d.labels()[s] == 0 ? 0.25f : 0.75f;
            targets[s * 7 + 2] = 0.5f;
            targets[s * 7 + 3] = 0.5f;
            targets[s * 7 + 4] = 0.5f;
            targets[s * 7 + 5 + d.labels()[s]] = 1;
        }
        float first = t.step(d.x(), Targets.values(targets), 8);
        float last = first;
        for (int i = 0; i < 40; i++) {
            last = t.step(d.x(), Targets.values(targets), 8);
        }
        assertTrue(last < 0.5 * first, first + " -> " + last);

        TrainerJit.Compiled y = Trainers.compile(TestNet.input("Grid", 8, 8, 1)
                .add("conv_1", Ops.conv(7, 3, 4, PadSpec.SAME))
                .add("yolo_1", new Op.Yolo(2, List.of(new Op.Anchor(3, 3)))).build());
        TrainableModel yt = y.trainer().create(y.model().init(2).tensors(), 2, ONE);
        float[] grid = new float[2 * 2 * 2 * 7];
        grid[4] = 1;
        grid[5] = 1;
        assertTrue(Float.isFinite(yt.step(new float[128], Targets.values(grid), 2)));
    }

    @Test
    void crossEntropyOverAFeatureMapScoresEveryPixel() {
        TrainerJit.Compiled c = Trainers.compile(TestNet.input("Segment", 2, 3, 2)
                .add("conv_1", Ops.conv(3, 3, 1, PadSpec.SAME), Activation.of(Activation.Kind.SOFTMAX)).build());
        TrainableModel t = c.trainer().create(c.model().init(3).tensors(), 2, ONE);
        assertEquals(18, t.outputSize());
        float[] x = new float[24];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i);
        }
        int[] labels = {0, 1, 2, 2, 1, 0, 1, 1, 1, 0, 0, 2};
        float[] out = new float[36];
        float loss = t.evaluate(x, Targets.labels(labels), 2, out);
        double expected = 0;
        for (int px = 0; px < 12; px++) {
            assertEquals(1.0, out[3 * px] + out[3 * px + 1] + out[3 * px + 2], 1e-6, "softmax per pixel");
            expected -= Math.log(out[3 * px + labels[px]]) / 12;
        }
        assertEquals(expected, loss, 1e-5);
        float first = t.step(x, Targets.labels(labels), 2);
        assertEquals(loss, first, 1e-5, "without batchnorm or dropout, training and inference agree");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.step(x, Targets.labels(new int[2]), 2));
        assertEquals("2 samples need 12 class labels, got 2", e.getMessage());
    }

    @Test
    void binaryCrossEntropyTrainsTheLogitsAndInferenceAppliesTheSigmoid() {
        TrainerJit.Compiled c = Trainers.compile(Nets.withLoss(TestNet.input("Tags", 2, 2, 1)
                .add("flatten_1", new Op.Flatten())
                .add("dense_1", Ops.dense(3), Activation.of(Activation.Kind.SIGMOID)).build(), TrainSpec.Loss.BCE));
        TrainableModel t = c.trainer().create(c.model().init(4).tensors(), 2, ONE);
        float[] x = {0.5f, -1f, 2f, 0.25f, 1f, 1f, -0.5f, 0f};
        float[] targets = {1, 0, 1, 0, 0, 1};
        float[] out = new float[6];
        float loss = t.evaluate(x, Targets.values(targets), 2, out);
        double expected = 0;
        for (int i = 0; i < 6; i++) {
            expected -= (targets[i] * Math.log(out[i]) + (1 - targets[i]) * Math.log(1 - out[i])) / 6;
        }
        assertEquals(expected, loss, 1e-5);
        float[] fromModel = new float[6];
        t.model().predict(x, 2, fromModel);
        assertArrayEquals(fromModel, out, 1e-6f);
    }

    @Test
    void aModelWithoutParametersStillTakesSteps() {
        TrainerJit.Compiled c = Trainers.compile(TestNet.input("Pool", 4, 4, 1)
                .add("maxpool_1", Ops.maxpool(2, 2, PadSpec.VALID))
                .add("flatten_1", new Op.Flatten()).build());
        TrainableModel t = c.trainer().create(Map.of(), 2, ONE);
        assertEquals(0, t.parameters().length);
        assertEquals(List.of(), t.layers());
        float[] x = new float[32];
        x[5] = 3;
        float loss = t.step(x, Targets.values(new float[8]), 2);
        assertEquals(9.0 / 8, loss, 1e-6, "mse over 2 samples of 4 values: one pooled value is 3");
    }

    @Test
    void fitAndEvaluateRunTheGenericLoopOverDataSets() throws Exception {
        TrainSpec spec = new TrainSpec(Optional.empty(), new TrainSpec.Sgd(0.05, 0.9, 0, false),
                new TrainSpec.Constant(), 16, 4, List.of(), 3);
        Network net = Nets.withTrain(classifier(), spec);
        // a user's code calling the generated ClassifierTrainer.fit and .evaluate, compiled beside it
        List<GeneratedFile> files = new java.util.ArrayList<>(JavaGenerator.generate(net, "user"));
        files.add(TrainerGenerator.generate(net, "user"));
        files.add(new GeneratedFile("user.Driver", """
                package user;

                import cnn.compiler.training.FitDriver;
                import cnn.runtime.data.Dataset;
                import cnn.runtime.train.Evaluation;
                import cnn.runtime.train.FitResult;
                import cnn.runtime.train.ProgressListener;
                import cnn.runtime.train.TrainableModel;
                import java.io.IOException;

                public final class Driver implements FitDriver {
                    @Override
                    public FitResult fit(TrainableModel trainer, Dataset train, Dataset validation,
                                         ProgressListener listener) throws IOException {
                        return ((ClassifierTrainer) trainer).fit(train, validation, listener);
                    }

                    @Override
                    public Evaluation.Result evaluate(TrainableModel trainer, Dataset data) {
                        return ((ClassifierTrainer) trainer).evaluate(data);
                    }
                }
                """));
        ClassLoader loader = Probes.load(files);
        FitDriver driver = Probes.instance(loader, "user.Driver", FitDriver.class);
        TrainableModel.Factory factory = Probes.instance(loader, "user.ClassifierTrainer$Factory",
                TrainableModel.Factory.class);
        TrainableModel t = factory.create(Probes.instance(loader, "user.Classifier$Factory",
                cnn.runtime.model.ModelFactory.class).init(6).tensors(), 16, THREE);
        Data train = Data.make(160, 1);
        Data test = Data.make(64, 2);
        ArrayDataset trainSet = ArrayDataset.labelled(6, 6, 1, train.x(), train.labels(), 2);
        ArrayDataset testSet = ArrayDataset.labelled(6, 6, 1, test.x(), test.labels(), 2);
        List<Integer> epochs = new java.util.ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void epochEnded(EpochResult result) {
                epochs.add(result.epoch());
            }
        };
        FitResult result = driver.fit(t, trainSet, testSet, listener);
        assertEquals(StopReason.COMPLETED, result.reason());
        assertEquals(4, epochs.size(), "the train {} section's 4 epochs");
        assertTrue(result.last().validationAccuracy() >= 0.95, "accuracy " + result.last().validationAccuracy());
        Evaluation.Result r = driver.evaluate(t, testSet);
        assertEquals(64, r.samples());
        assertEquals(result.last().validationAccuracy(), r.metric(Evaluation.ACCURACY), 1e-9);
        assertInstanceOf(StepOutputs.class, t, "the loop counts training accuracy from the step's outputs");
    }
}
