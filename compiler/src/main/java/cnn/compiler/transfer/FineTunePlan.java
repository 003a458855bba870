package cnn.compiler.transfer;

import cnn.compiler.graph.TrainSpec;
import cnn.runtime.train.FineTuning;
import java.util.Optional;

/**
 * The fine-tuning of one {@code cnnc train} run, from the model's {@code train { finetune … }}
 * and the flags {@code --unfreeze K}, {@code --finetune-epochs N} and {@code --finetune-lr-scale S}
 * (flags win): {@code headEpochs} epochs with the reused layers frozen, then {@code epochs} more
 * with the last {@code unfreeze} frozen layers with weights training at {@code lrScale} times the
 * rate. {@code headEpochs} 0 fine-tunes from the first step: the head trained in an earlier run.
 */
public record FineTunePlan(int unfreeze, int headEpochs, int epochs, double lrScale) {

    public int totalEpochs() {
        return headEpochs + epochs;
    }

    public FineTuning.Plan plan() {
        return new FineTuning.Plan(unfreeze, headEpochs, lrScale);
    }

    /**
     * @param runEpochs the run's epochs ({@code --epochs} or the section's): the head's epochs
     *                  when fine-tuning comes after them, the whole run's otherwise
     * @throws TransferException for a value out of range or a fine-tuning flag without a count
     */
    public static Optional<FineTunePlan> resolve(Optional<TrainSpec.FineTune> section, Integer unfreeze,
                                                 Integer epochs, Double lrScale, int runEpochs)
            throws TransferException {
        if (section.isEmpty() && unfreeze == null) {
            if (epochs != null || lrScale != null) {
                throw new TransferException((epochs != null ? "--finetune-epochs" : "--finetune-lr-scale")
                        + " needs --unfreeze K (or finetune unfreeze=K in the model's train section): "
                        + "the number of frozen layers to fine-tune");
            }
            return Optional.empty();
        }
        int k = unfreeze != null ? unfreeze : section.get().unfreeze();
        int n = epochs != null ? epochs : section.map(TrainSpec.FineTune::epochs).orElse(0);
        double s = lrScale != null ? lrScale : section.map(TrainSpec.FineTune::lrScale)
                .orElse(TrainSpec.FineTune.DEFAULT_LR_SCALE);
        if (k < 1) {
            throw new TransferException("--unfreeze must be at least 1, got " + k);
        }
        if (n < 0) {
            throw new TransferException("--finetune-epochs must not be negative, got " + n);
        }
        if (!(s > 0) || Double.isInfinite(s)) {
            throw new TransferException("--finetune-lr-scale must be a number above 0, got " + s);
        }
        return Optional.of(n == 0 ? new FineTunePlan(k, 0, runEpochs, s) : new FineTunePlan(k, runEpochs, n, s));
    }

    /** One line for the log. */
    public String describe(java.util.List<String> layers) {
        String which = "the last " + (unfreeze == 1 ? "frozen layer" : unfreeze + " frozen layers") + " with weights ("
                + String.join(", ", layers) + ") at " + lrScale + " × the rate";
        return headEpochs == 0 ? "fine-tuning " + which + " from the start"
                : headEpochs + (headEpochs == 1 ? " epoch" : " epochs") + " for the head, then " + epochs
                + (epochs == 1 ? " epoch" : " epochs") + " fine-tuning " + which;
    }
}
