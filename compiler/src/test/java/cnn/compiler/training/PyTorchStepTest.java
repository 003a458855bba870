package cnn.compiler.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cnn.compiler.Compilation;
import cnn.compiler.Compiler;
import cnn.compiler.codegen.training.TrainerJit;
import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.PadSpec;
import cnn.compiler.jit.JitException;
import cnn.compiler.testing.Ops;
import cnn.compiler.testing.TestNet;
import cnn.runtime.io.FloatArray;
import cnn.runtime.io.IntArray;
import cnn.runtime.io.NdArray;
import cnn.runtime.io.Npy;
import cnn.runtime.io.Npz;
import cnn.runtime.kernels.Parallel;
import cnn.runtime.optim.Adam;
import cnn.runtime.optim.Optimizer;
import cnn.runtime.optim.Sgd;
import cnn.runtime.train.TrainableModel;
import cnn.runtime.train.Targets;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Whole networks against PyTorch (fixtures from {@code tools/reference/train_fixtures.py}): the
 * loss of a batch, and every tensor after one SGD step (momentum, weight decay) and after one
 * Adam step, batchnorm running statistics included, within 1e-3 relative. For SGD the update
 * itself ({@code after − before}) must also agree within 1e-3 of the tensor's largest update,
 * which a wrong gradient could not pass.
 */
class PyTorchStepTest {

    static Network lenet5() {
        Activation tanh = Activation.of(Activation.Kind.TANH);
        return TestNet.input("LeNet5", 32, 32, 1)
                .add("conv_1", Ops.conv(6, 5, 1, PadSpec.VALID), tanh)
                .add("avgpool_1", Ops.avgpool(2, 2, PadSpec.VALID))
                .add("conv_2", Ops.conv(16, 5, 1, PadSpec.VALID), tanh)
                .add("avgpool_2", Ops.avgpool(2, 2, PadSpec.VALID))
                .add("flatten_1", new Op.Flatten())
                .add("dense_1", Ops.dense(120), tanh)
                .add("dense_2", Ops.dense(84), tanh)
                .add("dense_3", Ops.dense(10), Activation.of(Activation.Kind.SOFTMAX))
                .build();
    }

    static Network resnetStack() {
        Activation relu = Activation.of(Activation.Kind.RELU);
        Op.BatchNorm bn = new Op.BatchNorm(1e-5, 0.1);
        return TestNet.input("ResNetStack", 8, 8, 3)
                .add("stem", Ops.conv(8, cnn.compiler.graph.Window.of(3, 3, 1), PadSpec.SAME, 1, false))
                .add("stem_bn", bn, relu)
                .add("a", Ops.conv(8, cnn.compiler.graph.Window.of(3, 3, 1), PadSpec.SAME, 1, false))
                .add("a_bn", bn, relu)
                .add("b", Ops.conv(8, cnn.compiler.graph.Window.of(3, 3, 1), PadSpec.SAME, 1, false))
                .add("b_bn", bn)
                .add("add_1", new Op.Add(), relu, "stem_bn", "b_bn")
                .add("c", Ops.conv(16, cnn.compiler.graph.Window.of(3, 3, 2), PadSpec.SAME, 1, false))
                .add("c_bn", bn, relu)
                .add("d", Ops.conv(16, cnn.compiler.graph.Window.of(3, 3, 1), PadSpec.SAME, 1, false))
                .add("d_bn", bn)
                .add("proj", Ops.conv(16, cnn.compiler.graph.Window.of(1, 1, 2), PadSpec.VALID, 1, false),
                        Activation.LINEAR, "add_1")
                .add("proj_bn", bn)
                .add("add_2", new Op.Add(), relu, "proj_bn", "d_bn")
                .add("globalavgpool_1", new Op.GlobalPool(Op.PoolKind.AVG))
                .add("dense_1", Ops.dense(10), Activation.of(Activation.Kind.SOFTMAX))
                .build();
    }

    record Fixture(Map<String, float[]> before, float[] x, int[] labels, Map<String, float[]> afterSgd,
                   Map<String, float[]> afterAdam, double loss, String json, String source) {

        static Fixture load(String name) throws IOException, URISyntaxException {
            Path dir = Path.of(PyTorchStepTest.class.getResource("/training/" + name).toURI());
            NdArray x = Npy.read(dir.resolve("input.npy"));
            NdArray labels = Npy.read(dir.resolve("labels.npy"));
            String json = Files.readString(dir.resolve("train.json"));
            Matcher m = Pattern.compile("\"loss\": ([0-9.eE+-]+)").matcher(json);
            assertTrue(m.find(), "train.json has the loss");
            return new Fixture(floats(dir.resolve("weights.npz")), ((FloatArray) x).data(),
                    ((IntArray) labels).data(), floats(dir.resolve("after_sgd.npz")),
                    floats(dir.resolve("after_adam.npz")), Double.parseDouble(m.group(1)), json,
                    Files.readString(dir.resolve("model.cnn")));
        }

        private static Map<String, float[]> floats(Path npz) throws IOException {
            Map<String, float[]> out = new LinkedHashMap<>();
            Npz.read(npz).forEach((k, v) -> out.put(k, ((FloatArray) v).data()));
            return out;
        }
    }

    private static TrainableModel trainer(Network net, Fixture f) throws JitException {
        return TrainerJit.compile(net).trainer().create(f.before(), f.labels().length, new Parallel(2));
    }

    private static void stepAndCompare(Network net, String name, Function<TrainableModel, Optimizer> optimizer,
                                       double lr, boolean sgd) throws Exception {
        Fixture f = Fixture.load(name);
        TrainableModel t = trainer(net, f);
        t.setOptimizer(optimizer.apply(t));
        t.setLearningRate(lr);
        float loss = t.step(f.x(), Targets.labels(f.labels()), f.labels().length);
        assertEquals(f.loss(), loss, 1e-4 * Math.abs(f.loss()), "loss of the batch");
        Map<String, float[]> expected = sgd ? f.afterSgd() : f.afterAdam();
        Map<String, float[]> actual = t.tensors();
        assertEquals(expected.keySet(), actual.keySet());
        StringBuilder failures = new StringBuilder();
        for (String k : expected.keySet()) {
            float[] e = expected.get(k);
            float[] a = actual.get(k);
            float[] b = f.before().get(k);
            double largestUpdate = 0;
            for (int i = 0; i < e.length; i++) {
                largestUpdate = Math.max(largestUpdate, Math.abs(e[i] - b[i]));
            }
            for (int i = 0; i < e.length; i++) {
                if (!(Math.abs(a[i] - e[i]) <= 1e-3 * Math.max(1e-1, Math.abs(e[i])))) {
                    failures.append(k).append('[').append(i).append("]: ").append(a[i]).append(" vs PyTorch ")
                            .append(e[i]).append('\n');
                }
                double du = Math.abs((a[i] - b[i]) - (e[i] - b[i]));
                if (sgd && !(du <= 1e-3 * largestUpdate + 1e-6)) {
                    failures.append(k).append('[').append(i).append("]: update ").append(a[i] - b[i])
                            .append(" vs PyTorch ").append(e[i] - b[i]).append('\n');
                }
            }
        }
        if (failures.length() > 0) {
            fail(name + (sgd ? " after one SGD step" : " after one Adam step") + ":\n"
                    + failures.substring(0, Math.min(failures.length(), 3000)));
        }
    }

    private static Optimizer sgd(TrainableModel t) {
        return new Sgd(t.layout(), new Sgd.Config(0.9, 0, 0.001, false));
    }

    private static Optimizer adam(TrainableModel t) {
        return new Adam(t.layout(), new Adam.Config(0.9, 0.999, 1e-8, 0, false));
    }

    /** The fixture's model.cnn through the front end: the network PyTorch trained, named as SPEC §1.4 says. */
    private static Network compiled(String name, String model) throws Exception {
        Compilation c = Compiler.compileSource(name + "/model.cnn", Fixture.load(name).source());
        assertFalse(c.hasErrors(), c.render());
        return c.network(model).orElseThrow();
    }

    @Test
    void lenet5AfterOneSgdStep() throws Exception {
        stepAndCompare(lenet5(), "lenet5", PyTorchStepTest::sgd, 0.1, true);
    }

    @Test
    void modelSourcesCompileToTheNetworksTrainedHere() throws Exception {
        Network lenet = compiled("lenet5", "LeNet5");
        assertEquals(lenet5().tensors().toString(), lenet.tensors().toString());
        stepAndCompare(lenet, "lenet5", PyTorchStepTest::sgd, 0.1, true);
        Network resnet = compiled("resnet_stack", "ResNetStack");
        assertEquals(resnetStack().tensors().toString(), resnet.tensors().toString());
        stepAndCompare(resnet, "resnet_stack", PyTorchStepTest::adam, 0.001, false);
    }

    @Test
    void lenet5AfterOneAdamStep() throws Exception {
        stepAndCompare(lenet5(), "lenet5", PyTorchStepTest::adam, 0.001, false);
    }

    @Test
    void resnetStackAfterOneSgdStep() throws Exception {
        stepAndCompare(resnetStack(), "resnet_stack", PyTorchStepTest::sgd, 0.1, true);
    }

    @Test
    void resnetStackAfterOneAdamStep() throws Exception {
        stepAndCompare(resnetStack(), "resnet_stack", PyTorchStepTest::adam, 0.001, false);
    }

    @Test
    void fixturesUseTheHyperParametersTheTestsUse() throws Exception {
        for (String name : new String[] {"lenet5", "resnet_stack"}) {
            String json = Fixture.load(name).json().replaceAll("\\s", "");
            assertTrue(json.contains("\"sgd\":{\"lr\":0.1,\"momentum\":0.9,\"weight_decay\":0.001}"), json);
            assertTrue(json.contains("\"adam\":{\"lr\":0.001,\"betas\":[0.9,0.999],\"eps\":1e-08,\"weight_decay\":0.0}"),
                    json);
        }
    }
}
