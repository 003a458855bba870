package cnn.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.cli.train.TrainerSource;
import cnn.runtime.init.Rng;
import cnn.runtime.io.FloatArray;
import cnn.runtime.io.IntArray;
import cnn.runtime.io.NdArray;
import cnn.runtime.io.Npz;
import cnn.runtime.io.Weights;
import cnn.runtime.train.Checkpoints;
import cnn.runtime.train.Position;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code cnnc train} end to end with the hand-written {@link LinearTrainer}: a real .cnn file
 * through the front end, an .npz dataset, the loop, and the files a run writes.
 */
class TrainCommandTest {

    private static final String MODEL = """
            model Lin {
                input 4x4x1
                flatten
                dense 3 softmax
                train {
                    optimizer sgd lr=0.1 momentum=0.9
                    batch 32
                    epochs 3
                    seed 7
                }
            }
            """;

    /** 600 samples: 540 train and 60 held out; 540 / 32 makes 16 full batches and one of 28. */
    private static final int SAMPLES = 600;
    private static final int BATCHES = 17;

    @TempDir
    Path dir;

    private Path model;
    private Path data;

    record Result(int code, String out, String err) {
    }

    @BeforeEach
    void files() throws IOException {
        model = dir.resolve("lin.cnn");
        Files.writeString(model, MODEL);
        data = dir.resolve("blobs.npz");
        writeBlobs(data, SAMPLES, 4, 4);
    }

    /** Class k is bright at pixel k (of 16) and dark elsewhere, with noise: a linear model separates them. */
    static void writeBlobs(Path file, int n, int h, int w) throws IOException {
        Rng rng = new Rng(11);
        float[] x = new float[n * h * w];
        int[] y = new int[n];
        for (int s = 0; s < n; s++) {
            y[s] = s % 3;
            for (int p = 0; p < h * w; p++) {
                x[s * h * w + p] = (float) ((p == y[s] ? 1.0 : 0.0) + 0.15 * rng.nextGaussian());
            }
        }
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("x", new FloatArray(new int[] {n, h, w, 1}, x));
        arrays.put("y", new IntArray(new int[] {n}, y));
        Npz.write(file, arrays);
    }

    static Result run(TrainerSource source, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err);
        CommandLine cl = Cnnc.commandLine(o, e);
        cl.getCommandSpec().removeSubcommand("train");
        cl.addSubcommand(new TrainCommand(source));
        cl.setOut(o);
        cl.setErr(e);
        int code = cl.execute(args);
        o.flush();
        e.flush();
        return new Result(code, out.toString(), err.toString());
    }

    private Result train(String... extra) {
        List<String> args = new ArrayList<>(List.of("train", model.toString(), "--model", "Lin", "--data",
                data.toString(), "--progress", "lines"));
        args.addAll(List.of(extra));
        return run(LinearTrainer.SOURCE, args.toArray(String[]::new));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> epochs(Map<String, Object> report) {
        return (List<Map<String, Object>>) report.get("epochs");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void trainsThenWritesWeightsCheckpointReportAndPlot() throws IOException {
        Path out = dir.resolve("run");
        Result r = train("--out", out.toString());

        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("training Lin (51 trainable parameters) from " + model + "\n"), r.out());
        assertTrue(r.out().contains("data: " + data + ": 540 train, 60 test (a held-out tenth, also validated on "
                + "after every epoch)"), r.out());
        assertTrue(r.out().contains("settings: 3 epochs, batch 32, sgd lr 0.1, loss cross_entropy, seed 7"), r.out());
        assertTrue(r.out().contains("epoch 3/3: loss "), r.out());
        assertTrue(r.out().contains("checkpoint " + out.resolve("checkpoint.npz") + " (epoch 3, step 51)"), r.out());
        String last = r.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.matches("test accuracy: \\d+\\.\\d\\d% \\(60 images, loss \\d+\\.\\d{4}\\)"), last);

        Map<String, Object> report = JsonRead.object(Files.readString(out.resolve("report.json")));
        assertEquals("Lin", report.get("model"));
        assertEquals("completed", report.get("stopped"));
        assertEquals(51.0, report.get("steps"));
        assertNull(report.get("resumed_from"));
        assertEquals(Map.of("source", data.toString(), "train", 540.0, "test", 60.0, "description",
                data + ": 540 train, 60 test (a held-out tenth, also validated on after every epoch)"),
                report.get("data"));
        Map<String, Object> settings = map(report.get("settings"));
        assertEquals("sgd", settings.get("optimizer"));
        assertEquals(0.1, settings.get("lr"));
        assertEquals(32.0, settings.get("batch"));
        assertNull(settings.get("steps"));
        List<Map<String, Object>> epochs = epochs(report);
        assertEquals(3, epochs.size());
        for (int e = 0; e < 3; e++) {
            Map<String, Object> epoch = epochs.get(e);
            assertEquals(e + 1.0, epoch.get("epoch"));
            assertEquals((double) BATCHES, epoch.get("batches"));
            assertEquals(false, epoch.get("partial"));
            assertTrue((Double) epoch.get("val_accuracy") >= 0 && (Double) epoch.get("val_accuracy") <= 1);
            assertTrue((Double) epoch.get("images_per_second") > 0);
        }
        assertTrue((Double) epochs.get(2).get("train_loss") < (Double) epochs.get(0).get("train_loss"));
        double accuracy = (Double) map(report.get("test")).get("accuracy");
        assertTrue(accuracy >= 0.95, "blobs are separable: test accuracy " + accuracy);
        assertTrue(last.contains(String.format(java.util.Locale.ROOT, "%.2f%%", 100 * accuracy)), last);
        assertEquals(Map.of("weights", "Lin.npz", "checkpoint", "checkpoint.npz", "plot", "training.png",
                "report", "report.json"), report.get("files"));

        // The final weights are a plain SPEC §5 file: what the last checkpoint holds, without its extras.
        float[][] weights = Weights.load(out.resolve("Lin.npz"), new String[] {"dense_1.weight", "dense_1.bias"},
                new int[][] {{3, 16}, {3}});
        var checkpoint = Checkpoints.read(out.resolve("checkpoint.npz"),
                List.of(new cnn.runtime.model.TensorInfo("dense_1.weight", List.of(3, 16), true),
                        new cnn.runtime.model.TensorInfo("dense_1.bias", List.of(3), true)));
        assertArrayEquals(weights[0], checkpoint.tensors().get("dense_1.weight"));
        assertEquals(new Position(3, 0, 3 * BATCHES), checkpoint.position().orElseThrow());

        BufferedImage plot = ImageIO.read(out.resolve("training.png").toFile());
        assertEquals(900, plot.getWidth());
        assertEquals(640, plot.getHeight());
    }

    @Test
    void flagsOverrideTheTrainSection() throws IOException {
        Path out = dir.resolve("run");
        Result r = train("--out", out.toString(), "--epochs", "1", "--batch", "16", "--optimizer", "adam",
                "--lr", "0.01", "--seed", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("settings: 1 epoch, batch 16, adam lr 0.01, loss cross_entropy, seed 3"),
                r.out());
        Map<String, Object> report = JsonRead.object(Files.readString(out.resolve("report.json")));
        assertEquals(34.0, report.get("steps")); // 540 / 16 = 33 full batches and one of 12
        assertEquals("adam", map(report.get("settings")).get("optimizer"));
        // An Adam checkpoint.
        assertTrue(Npz.read(out.resolve("checkpoint.npz")).containsKey("optimizer:adam:exp_avg"));
    }

    @Test
    void stepsStopsTheRunMidEpoch() throws IOException {
        Path out = dir.resolve("run");
        Result r = train("--out", out.toString(), "--steps", "5");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("stopped after 5 steps (--steps)"), r.out());
        Map<String, Object> report = JsonRead.object(Files.readString(out.resolve("report.json")));
        assertEquals("step_limit", report.get("stopped"));
        assertEquals(5.0, report.get("steps"));
        assertEquals(5.0, map(report.get("settings")).get("steps"));
        assertEquals(true, epochs(report).get(0).get("partial"));
        assertEquals(5.0, epochs(report).get(0).get("batches"));
    }

    @Test
    void aCheckpointResumesTheRunWhereItStopped() throws IOException {
        Path first = dir.resolve("first");
        assertEquals(0, train("--out", first.toString(), "--epochs", "2").code());

        Path second = dir.resolve("second");
        Path checkpoint = first.resolve("checkpoint.npz");
        Result r = train("--out", second.toString(), "--epochs", "4", "--weights", checkpoint.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("resuming from " + checkpoint + ": epoch 3, step 34"), r.out());
        assertFalse(r.out().contains("epoch 1/4"), r.out());
        Map<String, Object> report = JsonRead.object(Files.readString(second.resolve("report.json")));
        assertEquals(Map.of("file", checkpoint.toString(), "epoch", 3.0, "batch", 0.0, "step", 34.0),
                report.get("resumed_from"));
        assertEquals(List.of(3.0, 4.0), epochs(report).stream().map(e -> e.get("epoch")).toList());
        assertEquals(68.0, report.get("steps"));

        // The same four epochs in one go end with the same weights, bit for bit.
        Path straight = dir.resolve("straight");
        assertEquals(0, train("--out", straight.toString(), "--epochs", "4").code());
        assertEquals(Npz.read(straight.resolve("Lin.npz")), Npz.read(second.resolve("Lin.npz")));
    }

    @Test
    void plainWeightsStartANewRunFromThem() throws IOException {
        Path first = dir.resolve("first");
        assertEquals(0, train("--out", first.toString(), "--epochs", "1").code());
        Path second = dir.resolve("second");
        Result r = train("--out", second.toString(), "--epochs", "1", "--weights", first.resolve("Lin.npz").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("starting from the weights in " + first.resolve("Lin.npz")), r.out());
        assertNull(JsonRead.object(Files.readString(second.resolve("report.json"))).get("resumed_from"));
    }

    @Test
    void aLossThatBlowsUpStopsWithOneLineAndKeepsTheGoodCheckpoint() throws IOException {
        // From the 21st step (epoch 2, batch 4) the gradients are infinite: that step turns the
        // weights infinite, and the loss of the 22nd step is NaN.
        TrainerSource poisoned = (network, batch, seed) -> {
            LinearTrainer t = (LinearTrainer) LinearTrainer.of(network, batch, seed);
            t.poisonFrom(20);
            return t;
        };
        Path out = dir.resolve("run");
        Result r = run(poisoned, "train", model.toString(), "--data", data.toString(), "--out", out.toString(),
                "--progress", "none");
        assertEquals(1, r.code());
        assertEquals("cnnc train: training stopped: the loss became NaN at step 22 (epoch 2, batch 5 of 17); the last good "
                + "checkpoint is " + out.resolve("checkpoint.npz") + " (epoch 1, step 17); try a lower learning rate "
                + "than 0.1\n", r.err());
        Map<String, Object> report = JsonRead.object(Files.readString(out.resolve("report.json")));
        assertEquals("non_finite_loss", report.get("stopped"));
        assertNull(report.get("test"));
        assertFalse(Files.exists(out.resolve("Lin.npz")), "no final weights from a run that blew up");
        assertEquals(new Position(1, 0, BATCHES), Checkpoints.read(out.resolve("checkpoint.npz"),
                List.of(new cnn.runtime.model.TensorInfo("dense_1.weight", List.of(3, 16), true),
                        new cnn.runtime.model.TensorInfo("dense_1.bias", List.of(3), true))).position().orElseThrow());
    }

    @Test
    void mistakesAreOneLineEach() throws IOException {
        Result r = run(LinearTrainer.SOURCE, "train", model.toString(), "--model", "Nope", "--data", data.toString());
        assertEquals(2, r.code());
        assertEquals("cnnc train: no model Nope in " + model + " (its models: Lin)\n", r.err());

        r = train("--optimizer", "rmsprop");
        assertEquals(2, r.code());
        assertEquals("cnnc train: --optimizer must be sgd or adam, got rmsprop\n", r.err());

        r = run(LinearTrainer.SOURCE, "train", model.toString(), "--data", dir.resolve("nope.npz").toString());
        assertEquals(1, r.code());
        assertEquals("cnnc train: " + dir.resolve("nope.npz") + ": no such file\n", r.err());

        Path wrongSize = dir.resolve("big.npz");
        writeBlobs(wrongSize, 30, 5, 5);
        r = run(LinearTrainer.SOURCE, "train", model.toString(), "--data", wrongSize.toString(), "--out",
                dir.resolve("x").toString());
        assertEquals(1, r.code());
        assertEquals("cnnc train: " + wrongSize + ": x holds 5x5x1 images but the model takes 4x4x1\n", r.err());

        Path badWeights = dir.resolve("bad.npz");
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("dense_1.weight", new FloatArray(new int[] {16, 3}, new float[48]));
        arrays.put("dense_1.bias", new FloatArray(new int[] {3}, new float[3]));
        Npz.write(badWeights, arrays);
        r = train("--weights", badWeights.toString());
        assertEquals(1, r.code());
        assertEquals("cnnc train: " + badWeights + ": tensor dense_1.weight has shape [16, 3], expected [3, 16]\n", r.err());

        r = run(LinearTrainer.SOURCE, "train", model.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("cnnc: Missing required option: '--data=DATA'\n"), r.err());
    }
}
