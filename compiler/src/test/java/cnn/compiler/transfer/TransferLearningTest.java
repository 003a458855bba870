package cnn.compiler.transfer;

import static cnn.compiler.transfer.TransferFiles.cnnc;
import static cnn.compiler.transfer.TransferFiles.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.Compilation;
import cnn.compiler.Compiler;
import cnn.compiler.graph.Network;
import cnn.compiler.jit.JitModels;
import cnn.compiler.transfer.TransferFiles.Result;
import cnn.runtime.io.IntArray;
import cnn.runtime.io.NdArray;
import cnn.runtime.io.Npz;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transfer-learning workflow through {@code cnnc}: a base trained on one task, its layers
 * reused (frozen) by a model for another task and loaded from its weights file by name, the head
 * trained on cached features, and fine-tuning.
 */
class TransferLearningTest {

    @TempDir
    static Path dir;
    static Path models;
    static Path baseData;
    static Path newData;
    static Path newTest;
    static Path base;

    /** Every tensor of Base's layers up to {@code features}: what Transfer reuses. */
    static final List<String> REUSED = List.of("conv_1.weight", "conv_1.bias", "batchnorm_1.weight",
            "batchnorm_1.bias", "batchnorm_1.running_mean", "batchnorm_1.running_var", "features.weight",
            "features.bias");

    @BeforeAll
    static void trainBase() throws IOException {
        models = dir.resolve("models.cnn");
        Files.writeString(models, TransferFiles.MODELS);
        baseData = dir.resolve("base.npz");
        newData = dir.resolve("new.npz");
        newTest = dir.resolve("new-test.npz");
        TransferFiles.writeData(baseData, 480, 0, 1);
        TransferFiles.writeData(newData, 96, 3, 2);
        TransferFiles.writeData(newTest, 150, 3, 3);
        Result r = cnnc("train", models.toString(), "--model", "Base", "--data", baseData.toString(), "--out",
                dir.resolve("base").toString());
        assertEquals(0, r.code(), r.out() + r.err());
        base = dir.resolve("base/Base.npz");
    }

    private static Network network(String name) {
        Compilation c = Compiler.compile(List.of(models));
        assertFalse(c.hasErrors(), c::render);
        return c.network(name).orElseThrow();
    }

    @Test
    void reusedLayersRememberTheModelTheyCameFrom() {
        Network t = network("Transfer");
        for (String layer : List.of("conv_1", "batchnorm_1", "maxpool_1", "flatten_1", "features")) {
            assertEquals(Optional.of("Base"), t.node(layer).reusedFrom(), layer);
        }
        assertEquals(Optional.empty(), t.node("head").reusedFrom());
        Network tuned = network("Tuned");
        assertEquals(Optional.of("Head"), tuned.node("head").reusedFrom());
        assertEquals(Optional.of("Base"), tuned.node("features").reusedFrom());
        assertEquals(REUSED, BaseWeights.reused(t).stream().map(r -> r.tensor().name()).toList());
    }

    @Test
    void baseWeightsLoadIntoTheReusedLayersAndTheHeadStartsFresh() throws Exception {
        Network t = network("Transfer");
        Map<String, float[]> fresh = JitModels.compile(t).init(5).tensors();
        Map<String, float[]> start = BaseWeights.overlay(fresh, BaseWeights.load(t, List.of(base)));
        for (String name : REUSED) {
            assertArrayEquals(tensor(base, name), start.get(name), name);
        }
        assertArrayEquals(fresh.get("head.weight"), start.get("head.weight"), "the new head keeps its initialisation");
        assertArrayEquals(fresh.get("head.bias"), start.get("head.bias"));
        assertFalse(Arrays.equals(fresh.get("features.weight"), start.get("features.weight")));
    }

    @Test
    void frozenLayersAndFrozenBatchnormStatisticsAreBitIdenticalAfterTraining() throws Exception {
        Path out = dir.resolve("transfer");
        Result r = cnnc("train", models.toString(), "--model", "Transfer", "--base", base.toString(), "--data",
                newData.toString(), "--test", newTest.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("base: 8 tensors of 3 layers reused from Base loaded from " + base
                + "; the other layers start fresh"), r.out());
        assertTrue(r.out().contains("data: " + newData + ": 96 train, 150 test from " + newTest), r.out());
        assertTrue(r.out().startsWith("training Transfer (27 trainable parameters)"), r.out());
        Path trained = out.resolve("Transfer.npz");
        for (String name : REUSED) {
            assertArrayEquals(tensor(base, name), tensor(trained, name), name + " is frozen");
        }
        Map<String, float[]> init = JitModels.compile(network("Transfer")).init(3).tensors();
        assertFalse(Arrays.equals(init.get("head.weight"), tensor(trained, "head.weight")), "the head trained");
        // the frozen trunk separates the new classes well enough for a linear head
        assertTrue(accuracy(r.out()) > 80, r.out());
    }

    @Test
    void cachedFeaturesTrainTheHeadToTheSameWeightsAsTheFrozenTrunk() throws IOException {
        Path feats = dir.resolve("feats.npz");
        Path featsTest = dir.resolve("feats-test.npz");
        Result f = cnnc("features", models.toString(), "--model", "Transfer", "--until", "features", "--weights",
                base.toString(), "--data", newData.toString(), "-o", feats.toString());
        assertEquals(0, f.code(), f.out() + f.err());
        assertTrue(f.out().startsWith(feats + ": features of 96 samples at features (1x1x8 each) in "), f.out());
        assertEquals(0, cnnc("features", models.toString(), "--model", "Base", "--until", "features", "--weights",
                base.toString(), "--data", newTest.toString(), "-o", featsTest.toString()).code());
        Map<String, NdArray> cached = Npz.read(feats);
        assertArrayEquals(new int[] {96, 1, 1, 8}, cached.get("x").shape());
        assertArrayEquals(((IntArray) Npz.read(newData).get("y")).data(), ((IntArray) cached.get("y")).data());

        Path head = dir.resolve("head");
        Result cachedRun = cnnc("train", models.toString(), "--model", "Head", "--data", feats.toString(), "--test",
                featsTest.toString(), "--out", head.toString());
        assertEquals(0, cachedRun.code(), cachedRun.out() + cachedRun.err());
        Path whole = dir.resolve("uncached");
        Result uncached = cnnc("train", models.toString(), "--model", "Transfer", "--base", base.toString(), "--data",
                newData.toString(), "--test", newTest.toString(), "--out", whole.toString());
        assertEquals(0, uncached.code(), uncached.out() + uncached.err());

        for (String name : List.of("head.weight", "head.bias")) {
            assertArrayEquals(tensor(whole.resolve("Transfer.npz"), name), tensor(head.resolve("Head.npz"), name),
                    name + ": cached and uncached training agree bit for bit");
        }
        assertEquals(accuracy(uncached.out()), accuracy(cachedRun.out()), 0.0);
    }

    @Test
    void theHeadTrainedOnFeaturesLoadsWithTheBaseAndFineTuningTrainsOnlyTheUnfrozenLayers() throws IOException {
        Path feats = dir.resolve("ft-feats.npz");
        assertEquals(0, cnnc("features", models.toString(), "--model", "Base", "--until", "features", "--weights",
                base.toString(), "--data", newData.toString(), "-o", feats.toString()).code());
        assertEquals(0, cnnc("train", models.toString(), "--model", "Head", "--data", feats.toString(), "--out",
                dir.resolve("ft-head").toString()).code());
        Path head = dir.resolve("ft-head/Head.npz");
        Path out = dir.resolve("tuned");
        Result r = cnnc("train", models.toString(), "--model", "Tuned", "--base", base.toString(), "--base",
                head.toString(), "--unfreeze", "1", "--data", newData.toString(), "--test", newTest.toString(),
                "--epochs", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("base: 10 tensors of 4 layers reused from Base, Head loaded from " + base + ", "
                + head), r.out());
        assertTrue(r.out().contains("fine-tuning the last frozen layer with weights (features) at 0.1 × the rate "
                + "from the start"), r.out());
        Path tuned = out.resolve("Tuned.npz");
        for (String name : List.of("conv_1.weight", "conv_1.bias", "batchnorm_1.weight", "batchnorm_1.bias",
                "batchnorm_1.running_mean", "batchnorm_1.running_var")) {
            assertArrayEquals(tensor(base, name), tensor(tuned, name), name + " stays frozen");
        }
        assertFalse(Arrays.equals(tensor(base, "features.weight"), tensor(tuned, "features.weight")));
        assertFalse(Arrays.equals(tensor(head, "head.weight"), tensor(tuned, "head.weight")));

        Result tooMany = cnnc("train", models.toString(), "--model", "Tuned", "--base", base.toString(), "--base",
                head.toString(), "--unfreeze", "3", "--data", newData.toString(), "--out",
                dir.resolve("x").toString());
        assertEquals(2, tooMany.code());
        assertEquals("cnnc train: --unfreeze 3: Tuned has only 2 frozen layers with weights (conv_1, features)\n",
                tooMany.err());
    }

    @Test
    void theTrainSectionCanFineTuneAfterTheHeadsEpochs() throws IOException {
        Path file = dir.resolve("finetune.cnn");
        Files.writeString(file, TransferFiles.MODELS.replace("model Transfer {", "model Unused {") + """
                model Transfer {
                    input 8x8x1
                    use Base until features frozen
                    head = dense 3 softmax
                    train {
                        optimizer sgd lr=0.05 momentum=0.9
                        batch 16
                        epochs 1
                        seed 3
                        finetune unfreeze=2 epochs=1 lr_scale=0.5
                    }
                }
                """);
        Path out = dir.resolve("two-phase");
        Result r = cnnc("train", file.toString(), "--model", "Transfer", "--base", base.toString(), "--data",
                newData.toString(), "--test", newTest.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("settings: 2 epochs,"), r.out());
        assertTrue(r.out().contains("1 epoch for the head, then 1 epoch fine-tuning the last 2 frozen layers with "
                + "weights (conv_1, features) at 0.5 × the rate"), r.out());
        Path trained = out.resolve("Transfer.npz");
        assertFalse(Arrays.equals(tensor(base, "conv_1.weight"), tensor(trained, "conv_1.weight")));
        assertArrayEquals(tensor(base, "batchnorm_1.running_var"), tensor(trained, "batchnorm_1.running_var"),
                "batchnorm stays frozen while the layers around it fine-tune");
        String report = Files.readString(out.resolve("report.json"));
        assertEquals(2, report.split("\"epoch\": ", -1).length - 1, report);
    }

    @Test
    void aMissingOrMismatchedBaseTensorIsAClearError() throws IOException {
        Map<String, NdArray> arrays = new LinkedHashMap<>(Npz.read(base));
        arrays.remove("features.bias");
        Path missing = dir.resolve("missing.npz");
        Npz.write(missing, arrays);
        Result r = transfer("--base", missing.toString());
        assertEquals(1, r.code());
        assertEquals("cnnc train: " + missing + " has no tensor features.bias [8], which layer features of Transfer "
                + "(from Base) needs; is it Base's weights file?\n", r.err());

        Path wide = dir.resolve("wide.npz");
        assertEquals(0, cnnc("init", models.toString(), "--model", "Wide", "--seed", "1", "-o", wide.toString())
                .code());
        r = transfer("--base", wide.toString());
        assertEquals(1, r.code());
        assertEquals("cnnc train: " + wide + ": tensor features.weight has shape [16, 64], but layer features of "
                + "Transfer (from Base) needs [8, 64]\n"
                + wide + ": tensor features.bias has shape [16], but layer features of Transfer (from Base) needs [8]\n",
                r.err());

        Path plain = dir.resolve("plain.npz");
        assertEquals(0, cnnc("init", models.toString(), "--model", "Plain", "-o", plain.toString()).code());
        r = transfer("--base", base.toString(), "--base", plain.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("cnnc train: " + plain + " holds none of the tensors Transfer reuses "
                + "(conv_1.weight, conv_1.bias, batchnorm_1.weight, batchnorm_1.bias, …)"), r.err());

        r = transfer("--base", dir.resolve("nothing.npz").toString());
        assertEquals("cnnc train: " + dir.resolve("nothing.npz") + ": no such file\n", r.err());

        Path corrupt = dir.resolve("corrupt.npz");
        Files.writeString(corrupt, "not a zip");
        r = transfer("--base", corrupt.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("cnnc train: " + corrupt + ": not a readable weights file"), r.err());

        r = cnnc("train", models.toString(), "--model", "Plain", "--base", base.toString(), "--data",
                newData.toString(), "--out", dir.resolve("p").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("cnnc train: Plain reuses no layers, so a base weights file has nothing to "
                + "load into it"), r.err());

        r = transfer("--base", base.toString(), "--weights", base.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("cnnc train: give --base or --weights, not both"), r.err());
    }

    @Test
    void fineTuningFlagsNeedACount() {
        Result r = transfer("--base", base.toString(), "--finetune-epochs", "2");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("cnnc train: --finetune-epochs needs --unfreeze K"), r.err());
        r = transfer("--base", base.toString(), "--unfreeze", "1", "--finetune-lr-scale", "0");
        assertEquals(2, r.code());
        assertEquals("cnnc train: --finetune-lr-scale must be a number above 0, got 0.0\n", r.err());
        r = cnnc("train", models.toString(), "--model", "Plain", "--unfreeze", "1", "--data", newData.toString(),
                "--out", dir.resolve("q").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("cnnc train: --unfreeze 1: Plain has no frozen layers with weights"), r.err());
    }

    @Test
    void featuresNamesAnUnknownLayerAndAMissingTensor() {
        Result r = cnnc("features", models.toString(), "--model", "Base", "--until", "feature", "--weights",
                base.toString(), "--data", newData.toString(), "-o", dir.resolve("f.npz").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("cnnc features: Base has no layer 'feature'; its layers are conv_1, "), r.err());
        Path plain = dir.resolve("plain-f.npz");
        assertEquals(0, cnnc("init", models.toString(), "--model", "Plain", "-o", plain.toString()).code());
        r = cnnc("features", models.toString(), "--model", "Base", "--until", "maxpool_1", "--weights",
                plain.toString(), "--data", newData.toString(), "-o", dir.resolve("f.npz").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("cnnc features: " + plain + ": tensor conv_1.weight has shape [2, 1, 3, 3], "
                + "but layer conv_1 of Base needs [4, 1, 3, 3]\n"), r.err());
        assertTrue(r.err().contains("has no tensor batchnorm_1.weight [4], which layer batchnorm_1 of Base needs\n"),
                r.err());
    }

    private static Result transfer(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", models.toString(), "--model", "Transfer",
                "--data", newData.toString(), "--out", dir.resolve("err").toString()));
        args.addAll(List.of(extra));
        return cnnc(args.toArray(String[]::new));
    }

    private static double accuracy(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("test accuracy: (\\d+\\.\\d+)%").matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1));
    }
}
