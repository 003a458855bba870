package cnn.runtime.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with momentum, dampening, Nesterov momentum and L2 weight decay,
 * with {@code torch.optim.SGD}'s update rule, per tensor:
 * <pre>
 *   d   = g + weightDecay · p
 *   buf = d                                     on the tensor's first step
 *   buf = momentum · buf + (1 − dampening) · d  afterwards
 *   d   = d + momentum · buf   (Nesterov)   or   d = buf
 *   p   = p − lr · lrScale · d
 * </pre>
 * With momentum 0 there is no buffer and the update is {@code p − lr · d}.
 */
public final class Sgd implements Optimizer {

    /** Hyper-parameters other than the learning rate, which the schedule gives per step. */
    public record Config(double momentum, double dampening, double weightDecay, boolean nesterov) {
        public Config {
            OptimizerState.checkRange("SGD momentum", momentum, 0, 1);
            OptimizerState.checkRange("SGD dampening", dampening, 0, 1);
            OptimizerState.checkRange("SGD weight decay", weightDecay, 0, Double.POSITIVE_INFINITY);
            if (nesterov && (momentum == 0 || dampening != 0)) {
                throw new IllegalArgumentException("Nesterov momentum needs a momentum above 0 and no dampening");
            }
        }

        public static Config plain() {
            return new Config(0, 0, 0, false);
        }

        public static Config momentum(double momentum) {
            return new Config(momentum, 0, 0, false);
        }
    }

    public static final String MOMENTUM_BUFFER = "momentum_buffer";
    public static final String STEP = "step";

    private final ParamLayout layout;
    private final Config config;
    /** Null without momentum, as PyTorch keeps no buffer then. */
    private final float[] buffer;
    private final float[] steps;

    public Sgd(ParamLayout layout, Config config) {
        this.layout = layout;
        this.config = config;
        this.buffer = config.momentum() != 0 ? new float[layout.size()] : null;
        this.steps = new float[layout.tensors().size()];
    }

    @Override
    public ParamLayout layout() {
        return layout;
    }

    public Config config() {
        return config;
    }

    @Override
    public void step(float[] params, float[] grads, double lr) {
        OptimizerState.checkStep(layout, params, grads, lr);
        List<ParamLayout.Tensor> tensors = layout.tensors();
        for (int t = 0; t < tensors.size(); t++) {
            ParamLayout.Tensor tensor = tensors.get(t);
            if (!tensor.trainable()) {
                continue;
            }
            float rate = (float) (lr * tensor.lrScale());
            int from = tensor.offset();
            int to = tensor.end();
            if (buffer == null) {
                plainStep(params, grads, from, to, rate);
            } else if (steps[t] == 0) {
                firstMomentumStep(params, grads, from, to, rate);
            } else {
                momentumStep(params, grads, from, to, rate);
            }
            steps[t]++;
        }
    }

    private void plainStep(float[] p, float[] g, int from, int to, float rate) {
        float wd = (float) config.weightDecay();
        for (int i = from; i < to; i++) {
            float d = g[i] + wd * p[i];
            p[i] -= rate * d;
        }
    }

    private void firstMomentumStep(float[] p, float[] g, int from, int to, float rate) {
        float wd = (float) config.weightDecay();
        float mu = (float) config.momentum();
        boolean nesterov = config.nesterov();
        for (int i = from; i < to; i++) {
            float d = g[i] + wd * p[i];
            buffer[i] = d;
            float update = nesterov ? d + mu * d : d;
            p[i] -= rate * update;
        }
    }

    private void momentumStep(float[] p, float[] g, int from, int to, float rate) {
        float wd = (float) config.weightDecay();
        float mu = (float) config.momentum();
        float keep = (float) (1 - config.dampening());
        boolean nesterov = config.nesterov();
        for (int i = from; i < to; i++) {
            float d = g[i] + wd * p[i];
            float b = mu * buffer[i] + keep * d;
            buffer[i] = b;
            float update = nesterov ? d + mu * b : b;
            p[i] -= rate * update;
        }
    }

    @Override
    public Map<String, float[]> state() {
        Map<String, float[]> state = new LinkedHashMap<>();
        if (buffer != null) {
            state.put(MOMENTUM_BUFFER, buffer);
        }
        state.put(STEP, steps);
        return state;
    }

    @Override
    public void loadState(Map<String, float[]> state) {
        if (buffer != null) {
            OptimizerState.copyInto(state, MOMENTUM_BUFFER, buffer, "SGD");
        }
        OptimizerState.copyInto(state, STEP, steps, "SGD");
    }
}
