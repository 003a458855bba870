package cnn.bench;

import cnn.compiler.codegen.training.TrainerJit;
import cnn.runtime.data.Dataset;
import cnn.runtime.data.FashionMnist;
import cnn.runtime.train.Targets;
import cnn.runtime.train.TrainableModel;
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
 * One epoch of LeNet-5 on Fashion-MNIST's 60,000 training images (Debian's dataset-fashion-mnist),
 * batch 64 in a shuffled order, the generated trainer's Adam step per batch: what compare.py's
 * PyTorch loop does with the same data in memory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx6g"})
public class EpochBench {

    /** Samples per epoch, for GFLOP/s. */
    static final int SAMPLES = 60_000;

    @Param({"lenet5/64"})
    public String workload;

    private TrainableModel trainer;
    private float[] images;
    private int[] classes;
    private float[] x;
    private int[] y;
    private Targets labels;
    private int[] order;
    private int batch;
    private int sampleSize;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        String[] parts = workload.split("/");
        Workload w = Workload.load(parts[0]);
        batch = Integer.parseInt(parts[1]);
        TrainerJit.Compiled c = TrainerJit.compile(w.network());
        trainer = c.trainer().create(c.model().init(42), batch);
        Dataset d = FashionMnist.train();
        sampleSize = d.sampleSize();
        images = new float[d.size() * sampleSize];
        classes = new int[d.size()];
        for (int i = 0; i < d.size(); i++) {
            d.copyImage(i, images, i * sampleSize);
            classes[i] = d.label(i);
        }
        x = new float[batch * sampleSize];
        y = new int[batch];
        labels = Targets.labels(y);
        order = new int[d.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random r = new Random(42);
        for (int i = order.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    @Benchmark
    public float fashionMnist() {
        float loss = 0;
        for (int start = 0; start < order.length; start += batch) {
            int n = Math.min(batch, order.length - start);
            for (int k = 0; k < n; k++) {
                System.arraycopy(images, order[start + k] * sampleSize, x, k * sampleSize, sampleSize);
                y[k] = classes[order[start + k]];
            }
            loss = trainer.step(x, n == batch ? labels : Targets.labels(java.util.Arrays.copyOf(y, n)), n);
        }
        return loss;
    }
}
