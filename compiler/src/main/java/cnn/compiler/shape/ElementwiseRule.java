package cnn.compiler.shape;

import cnn.compiler.graph.Op;
import cnn.compiler.graph.Shape;
import java.util.Optional;

/** Ops that keep their input's shape: activations, batchnorm, dropout. */
final class ElementwiseRule {

    private ElementwiseRule() {
    }

    static Optional<LayerFacts> activation(Shape input) {
        return Optional.of(new LayerFacts(input, 0, 0, 0));
    }

    /** One scale and shift per channel (trainable), one running mean and variance (not). */
    static Optional<LayerFacts> batchNorm(Op.BatchNorm op, Shape input, LayerCheck check) {
        boolean ok = true;
        if (!(op.eps() > 0) || Double.isInfinite(op.eps())) {
            check.error("E0402", "eps must be greater than 0, got " + op.eps(),
                    "eps keeps the division stable; the usual value is 1e-5");
            ok = false;
        }
        if (!(op.momentum() >= 0 && op.momentum() <= 1)) {
            check.error("E0402", "momentum must be in [0, 1], got " + op.momentum(),
                    "momentum is the weight of each new batch in the running statistics; the usual value is 0.1");
            ok = false;
        }
        if (!ok) {
            return Optional.empty();
        }
        long c = input.channels();
        return Optional.of(new LayerFacts(input, 2 * c, 2 * c, 0));
    }

    static Optional<LayerFacts> dropout(Op.Dropout op, Shape input, LayerCheck check) {
        if (!(op.rate() >= 0 && op.rate() < 1)) {
            check.error("E0402", "rate must be in [0, 1), got " + op.rate(),
                    "the rate is the fraction of values dropped while training, e.g. 0.5");
            return Optional.empty();
        }
        return Optional.of(new LayerFacts(input, 0, 0, 0));
    }
}
