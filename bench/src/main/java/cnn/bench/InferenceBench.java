package cnn.bench;

import cnn.compiler.jit.JitModels;
import cnn.runtime.model.Model;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Generated inference: {@code predict(nhwc, n, out)} on a batch of random inputs, with weights
 * from {@code init(seed)}. The model is generated and compiled in the fork (the same code
 * {@code cnnc generate} writes). A workload is {@code model/batch}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx6g"})
public class InferenceBench {

    @Param({"lenet5/1", "lenet5/32", "resnet18_cifar/1", "resnet18_cifar/32", "mobilenet_v2/1", "mobilenet_v2/32",
        "vgg16/1", "conv3x3/1", "conv3x3/32", "conv1x1/1", "conv1x1/32"})
    public String workload;

    private Model model;
    private float[] x;
    private float[] out;
    private int batch;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        String[] parts = workload.split("/");
        Workload w = Workload.load(parts[0]);
        batch = Integer.parseInt(parts[1]);
        model = JitModels.compile(w.network()).init(1);
        x = new float[w.inputSize() * batch];
        Random r = new Random(7);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        out = new float[model.info().outputSize(0) * batch];
    }

    @Benchmark
    public float[] predict() {
        model.predict(x, batch, out);
        return out;
    }
}
