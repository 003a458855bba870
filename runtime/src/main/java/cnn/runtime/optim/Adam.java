package cnn.runtime.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam with bias correction, with {@code torch.optim.Adam}'s update rule per tensor, t counting
 * the tensor's steps from 1:
 * <pre>
 *   g = g + weightDecay · p                (L2 decay, unless decoupled)
 *   p = p · (1 − lr · lrScale · weightDecay)  (decoupled decay: torch.optim.AdamW)
 *   m = β1 · m + (1 − β1) · g
 *   v = β2 · v + (1 − β2) · g²
 *   p = p − lr · lrScale / (1 − β1^t) · m / (sqrt(v) / sqrt(1 − β2^t) + eps)
 * </pre>
 * Note that eps is added to sqrt(v̂), not inside the square root.
 */
public final class Adam implements Optimizer {

    /**
     * Hyper-parameters other than the learning rate, which the schedule gives per step.
     *
     * @param decoupled apply weight decay to the weights directly (AdamW) rather than adding
     *                  it to the gradient
     */
    public record Config(double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
        public Config {
            OptimizerState.checkRange("Adam beta1", beta1, 0, 1);
            OptimizerState.checkRange("Adam beta2", beta2, 0, 1);
            OptimizerState.checkRange("Adam eps", eps, 0, Double.POSITIVE_INFINITY);
            OptimizerState.checkRange("Adam weight decay", weightDecay, 0, Double.POSITIVE_INFINITY);
        }

        /** PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. */
        public static Config defaults() {
            return new Config(0.9, 0.999, 1e-8, 0, false);
        }

        /** {@code torch.optim.AdamW}'s defaults: as Adam, with decoupled weight decay 0.01. */
        public static Config adamW() {
            return new Config(0.9, 0.999, 1e-8, 0.01, true);
        }
    }

    public static final String EXP_AVG = "exp_avg";
    public static final String EXP_AVG_SQ = "exp_avg_sq";
    public static final String STEP = "step";

    private final ParamLayout layout;
    private final Config config;
    private final float[] expAvg;
    private final float[] expAvgSq;
    private final float[] steps;

    public Adam(ParamLayout layout, Config config) {
        this.layout = layout;
        this.config = config;
        this.expAvg = new float[layout.size()];
        this.expAvgSq = new float[layout.size()];
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
            steps[t]++;
            update(params, grads, tensor, lr * tensor.lrScale(), steps[t]);
        }
    }

    private void update(float[] p, float[] g, ParamLayout.Tensor tensor, double rate, double step) {
        // Scalars are worked out in double and rounded to float once, as PyTorch does with
        // Python floats applied to float32 tensors.
        double b1 = config.beta1();
        double b2 = config.beta2();
        float beta1 = (float) b1;
        float beta2 = (float) b2;
        float oneMinusBeta1 = (float) (1 - b1);
        float oneMinusBeta2 = (float) (1 - b2);
        float eps = (float) config.eps();
        boolean decoupled = config.decoupled();
        float l2 = decoupled ? 0f : (float) config.weightDecay();
        float shrink = decoupled ? (float) (1 - rate * config.weightDecay()) : 1f;
        double biasCorrection1 = 1 - Math.pow(b1, step);
        double biasCorrection2 = 1 - Math.pow(b2, step);
        float stepSize = (float) (rate / biasCorrection1);
        float biasCorrection2Sqrt = (float) Math.sqrt(biasCorrection2);
        for (int i = tensor.offset(); i < tensor.end(); i++) {
            float w = p[i] * shrink;
            float grad = g[i] + l2 * w;
            float m = beta1 * expAvg[i] + oneMinusBeta1 * grad;
            float v = beta2 * expAvgSq[i] + oneMinusBeta2 * grad * grad;
            expAvg[i] = m;
            expAvgSq[i] = v;
            float denom = (float) Math.sqrt(v) / biasCorrection2Sqrt + eps;
            p[i] = w - stepSize * (m / denom);
        }
    }

    @Override
    public Map<String, float[]> state() {
        Map<String, float[]> state = new LinkedHashMap<>();
        state.put(EXP_AVG, expAvg);
        state.put(EXP_AVG_SQ, expAvgSq);
        state.put(STEP, steps);
        return state;
    }

    @Override
    public void loadState(Map<String, float[]> state) {
        OptimizerState.copyInto(state, EXP_AVG, expAvg, "Adam");
        OptimizerState.copyInto(state, EXP_AVG_SQ, expAvgSq, "Adam");
        OptimizerState.copyInto(state, STEP, steps, "Adam");
    }
}
