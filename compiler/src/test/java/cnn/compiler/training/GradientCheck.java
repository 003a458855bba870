package cnn.compiler.training;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cnn.compiler.graph.Network;
import cnn.runtime.kernels.Parallel;
import cnn.runtime.optim.ParamLayout;
import java.util.Map;

/**
 * Checks a generated backward pass against central differences of the generated forward pass,
 * in double precision. The scalar checked is {@code L = Σ r·y} over the trained output {@code y}
 * of a batch, {@code r} random: its gradient at {@code y} is {@code r}, so every parameter's and
 * every input value's gradient from {@code backward} must match {@code (L(θ+h) − L(θ−h)) / 2h}.
 */
public final class GradientCheck {

    static final double H = 1e-5;
    static final double ABSOLUTE = 1e-7;
    static final double RELATIVE = 1e-5;
    static final Parallel ONE_THREAD = new Parallel(1);

    private final GradientProbe probe;
    private final int n;
    private final double[] x;
    private final double[] r;
    private final int outSize;
    private int perTensor = Integer.MAX_VALUE;

    public GradientCheck(Network net, int n, long seed) {
        this(Probes.factory(net), net, RandomTensors.of(net, seed), n, seed);
    }

    public GradientCheck(GradientProbe.Factory factory, Network net, Map<String, float[]> tensors, int n, long seed) {
        this.probe = factory.create(tensors, n, ONE_THREAD);
        this.n = n;
        this.x = RandomTensors.doubles(n * Math.toIntExact(net.input().elements()), seed + 1);
        probe.forwardTraining(x, n);
        this.outSize = probe.trainedOutput().length / n;
        this.r = RandomTensors.doubles(n * outSize, seed + 2);
    }

    public GradientProbe probe() {
        return probe;
    }

    /** Multiplies the inputs, to reach the parts of activations (relu6's clip, saturation) that unit inputs miss. */
    public GradientCheck scaleInput(double factor) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= factor;
        }
        return this;
    }

    /** Compares at most {@code k} values of each tensor (and of the input), spread evenly over it. */
    public GradientCheck atMost(int k) {
        this.perTensor = k;
        return this;
    }

    private int[] indices(int offset, int length) {
        int k = Math.min(length, perTensor);
        int[] out = new int[k];
        for (int j = 0; j < k; j++) {
            out[j] = offset + (int) ((long) j * length / k);
        }
        return out;
    }

    double loss() {
        probe.setSeed(5);
        probe.forwardTraining(x, n);
        double[] y = probe.trainedOutput();
        double l = 0;
        for (int i = 0; i < n * outSize; i++) {
            l += r[i] * y[i];
        }
        return l;
    }

    /** Runs the backward pass and compares every parameter and input gradient; returns the number compared. */
    public int run() {
        loss();
        System.arraycopy(r, 0, probe.outputGradient(), 0, n * outSize);
        probe.backward(n);
        double[] grads = probe.gradients().clone();
        double[] inputGrads = java.util.Arrays.copyOf(probe.inputGradient(), x.length);
        double[] p = probe.parameters();
        ParamLayout layout = probe.layout();
        int compared = 0;
        StringBuilder failures = new StringBuilder();
        for (ParamLayout.Tensor t : layout.tensors()) {
            boolean trainable = t.trainable();
            for (int i : indices(t.offset(), t.length())) {
                double v = p[i];
                p[i] = v + H;
                double plus = loss();
                p[i] = v - H;
                double minus = loss();
                p[i] = v;
                double numeric = trainable ? (plus - minus) / (2 * H) : 0.0;
                compare(failures, t.name() + "[" + (i - t.offset()) + "]", grads[i], numeric);
                compared++;
            }
        }
        for (int i : indices(0, x.length)) {
            double v = x[i];
            x[i] = v + H;
            double plus = loss();
            x[i] = v - H;
            double minus = loss();
            x[i] = v;
            compare(failures, "input[" + i + "]", inputGrads[i], (plus - minus) / (2 * H));
            compared++;
        }
        if (failures.length() > 0) {
            fail("gradients differ from central differences:\n" + failures);
        }
        assertTrue(compared > 0);
        return compared;
    }

    private static void compare(StringBuilder failures, String what, double analytic, double numeric) {
        double tolerance = ABSOLUTE + RELATIVE * Math.max(Math.abs(analytic), Math.abs(numeric));
        if (!(Math.abs(analytic - numeric) <= tolerance) && failures.length() < 4000) {
            failures.append("  ").append(what).append(": backward ").append(analytic).append(", differences ")
                    .append(numeric).append('\n');
        }
    }
}
