package cnn.compiler.training;

import static org.junit.jupiter.api.Assertions.fail;

import cnn.compiler.codegen.GeneratedFile;
import cnn.compiler.codegen.JavaGenerator;
import cnn.compiler.codegen.training.ElementType;
import cnn.compiler.codegen.training.TrainerGenerator;
import cnn.compiler.codegen.training.TrainerOptions;
import cnn.compiler.graph.Network;
import cnn.runtime.kernels.Parallel;
import cnn.runtime.optim.ParamLayout;
import com.palantir.javapoet.ClassName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The float trainer, whose convolutions and dense layers run on the runtime kernels (Vector API
 * in these tests), against the double trainer, whose generated loops {@link ReferenceNetworksGradientTest}
 * checks against central differences: through every network of the PyTorch inference fixtures,
 * a batch of 5 on two threads, the outputs of the forward pass, every parameter's gradient and
 * the input's gradient must agree within float rounding (relative to the largest value of each
 * tensor).
 */
class FloatAgainstDoubleTest {

    private static final int N = 5;

    @TestFactory
    Stream<DynamicTest> floatTrainerMatchesTheDoubleOne() throws Exception {
        return ReferenceFixtures.trainable(FloatAgainstDoubleTest::check);
    }

    private static void check(Path dir, Network net) {
        long seed = dir.getFileName().toString().hashCode();
        Map<String, float[]> tensors = RandomTensors.of(net, seed);
        GradientProbe d = Probes.factory(net).create(tensors, N, GradientCheck.ONE_THREAD);
        FloatProbe f = floatFactory(net).create(tensors, N, new Parallel(2));
        double[] xd = RandomTensors.doubles(N * Math.toIntExact(net.input().elements()), seed + 1);
        float[] xf = new float[xd.length];
        for (int i = 0; i < xd.length; i++) {
            xf[i] = (float) xd[i];
            xd[i] = xf[i];
        }
        d.setSeed(5);
        f.setSeed(5);
        d.forwardTraining(xd, N);
        f.forwardTraining(xf, N);
        StringBuilder failures = new StringBuilder();
        compare(failures, "trained output", d.trainedOutput(), f.trainedOutput(), 0, d.trainedOutput().length);
        double[] r = RandomTensors.doubles(d.trainedOutput().length, seed + 2);
        for (int i = 0; i < r.length; i++) {
            f.outputGradient()[i] = (float) r[i];
            d.outputGradient()[i] = (float) r[i];
        }
        d.backward(N);
        f.backward(N);
        for (ParamLayout.Tensor t : d.layout().tensors()) {
            compare(failures, t.name(), d.gradients(), f.gradients(), t.offset(), t.length());
        }
        compare(failures, "input gradient", d.inputGradient(), f.inputGradient(), 0, xd.length);
        if (failures.length() > 0) {
            fail("float and double trainers differ:\n" + failures);
        }
    }

    /**
     * Values {@code [from, from + n)}: each within 2e-3 of the largest magnitude among them, plus
     * 1e-5: a gradient that is exactly zero in theory (a bias just before batchnorm) is a sum of
     * order-one terms that cancel, and keeps float rounding of about that size.
     */
    private static void compare(StringBuilder failures, String what, double[] expected, float[] got, int from, int n) {
        double largest = 0;
        for (int i = from; i < from + n; i++) {
            largest = Math.max(largest, Math.abs(expected[i]));
        }
        double tolerance = 2e-3 * largest + 1e-5;
        for (int i = from; i < from + n; i++) {
            if (!(Math.abs(expected[i] - got[i]) <= tolerance)) {
                failures.append("  ").append(what).append("[").append(i - from).append("]: double ")
                        .append(expected[i]).append(", float ").append(got[i]).append('\n');
                return;
            }
        }
    }

    private static FloatProbe.Factory floatFactory(Network net) {
        String pkg = "floatprobe";
        List<GeneratedFile> files = new ArrayList<>(JavaGenerator.generate(net, pkg));
        files.add(TrainerGenerator.generate(net, pkg, new TrainerOptions(ElementType.FLOAT, "FloatProbe", true,
                Optional.of(ClassName.get(FloatProbe.class)), Optional.of(ClassName.get(FloatProbe.Factory.class)))));
        return Probes.instance(Probes.load(files), pkg + "." + net.name() + "FloatProbe$Factory",
                FloatProbe.Factory.class);
    }
}
