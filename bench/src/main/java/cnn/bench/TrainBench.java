package cnn.bench;

import cnn.compiler.codegen.training.TrainerJit;
import cnn.runtime.model.Model;
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
 * One optimizer step of the generated trainer (forward, loss, backward, update, with the model's
 * own {@code train {}} optimizer) on a random batch with random labels. A workload is {@code model/batch}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx6g"})
public class TrainBench {

    @Param({"lenet5/64", "resnet18_cifar/64"})
    public String workload;

    private TrainableModel trainer;
    private float[] x;
    private Targets labels;
    private int batch;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        String[] parts = workload.split("/");
        Workload w = Workload.load(parts[0]);
        batch = Integer.parseInt(parts[1]);
        TrainerJit.Compiled c = TrainerJit.compile(w.network());
        Model model = c.model().init(1);
        trainer = c.trainer().create(model, batch);
        Random r = new Random(3);
        x = new float[w.inputSize() * batch];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        int[] y = new int[batch];
        for (int i = 0; i < batch; i++) {
            y[i] = r.nextInt(10);
        }
        labels = Targets.labels(y);
        // A trainer is some hundred generated methods (a forward and a backward pass per layer,
        // batchnorm's barriers) besides the kernels, and the JIT compiles each in turn, after the
        // javac run that generated them; until it has, a Vector API kernel a step calls only a few
        // times (ResNet-18's 10-unit classifier) runs with boxed vectors. On a busy 2-core machine
        // that lasted up to 14 s of steps, far longer than JMH's warm-up. Steady state is what the
        // rows compare.
        long until = System.nanoTime() + SETUP_WARMUP_NANOS;
        while (System.nanoTime() < until) {
            trainer.step(x, labels, batch);
        }
    }

    /** Steps run in setup before JMH's own warm-up: 15 s. */
    private static final long SETUP_WARMUP_NANOS = 15_000_000_000L;

    @Benchmark
    public float step() {
        return trainer.step(x, labels, batch);
    }
}
