package cnn.runtime.train;

import cnn.runtime.optim.Adam;
import cnn.runtime.optim.Optimizer;
import cnn.runtime.optim.ParamLayout;
import cnn.runtime.optim.Sgd;

/**
 * Builds the optimizer a run asks for over a trainer's layout, taking the hyper-parameters other
 * than the rate from the model's {@code train {}} section when it names the same optimizer and
 * the SPEC's defaults otherwise (SGD momentum 0.9; Adam betas 0.9 and 0.999).
 */
public final class Optimizers {

    public static final String SGD = "sgd";
    public static final String ADAM = "adam";

    private Optimizers() {
    }

    /** {@code sgd} or {@code adam}. */
    public static String kind(Optimizer optimizer) {
        if (optimizer instanceof Sgd) {
            return SGD;
        } else if (optimizer instanceof Adam) {
            return ADAM;
        }
        throw new IllegalArgumentException("unknown optimizer " + optimizer.getClass().getSimpleName());
    }

    /** @throws IllegalArgumentException for a kind that is neither {@code sgd} nor {@code adam} */
    public static Optimizer create(String kind, ParamLayout layout, TrainConfig config) {
        boolean same = kind.equals(config.optimizer());
        if (kind.equals(SGD)) {
            double momentum = same ? config.momentum() : 0.9;
            double weightDecay = same ? config.weightDecay() : 0;
            boolean nesterov = same && config.nesterov();
            return new Sgd(layout, new Sgd.Config(momentum, 0, weightDecay, nesterov));
        } else if (kind.equals(ADAM)) {
            Adam.Config d = Adam.Config.defaults();
            double beta1 = same ? config.beta1() : d.beta1();
            double beta2 = same ? config.beta2() : d.beta2();
            double weightDecay = same ? config.weightDecay() : d.weightDecay();
            return new Adam(layout, new Adam.Config(beta1, beta2, d.eps(), weightDecay, d.decoupled()));
        }
        throw new IllegalArgumentException("unknown optimizer '" + kind + "' (known: sgd, adam)");
    }
}
