package cnn.runtime.train;

import cnn.runtime.data.Dataset;
import cnn.runtime.model.TensorInfo;
import cnn.runtime.optim.Adam;
import cnn.runtime.optim.Optimizer;
import cnn.runtime.optim.ParamLayout;
import cnn.runtime.optim.Sgd;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Fine-tuning a transferred model (the lecture notes' practical advice): once the new head has
 * trained on top of frozen base layers, unfreeze the last few of those layers and train on at a
 * lower rate, so they adapt to the new data without losing what they learnt.
 *
 * <p>The layers it unfreezes are the trainer's frozen layers that have weights (conv, dense,
 * depthwise), counted from the end in network order. Frozen batchnorm layers stay frozen:
 * they keep normalising with their running statistics and do not update them, as the notes
 * advise ("when freezing layers, avoid keeping track of statistics"), since a small new dataset
 * would wreck statistics learnt on a large one. The unfrozen tensors train at the schedule's rate
 * times {@code lrScale}; the head keeps the full rate. Optimizer state carries over (a tensor's
 * state starts at its first trainable step, as in PyTorch).
 */
public final class FineTuning {

    private FineTuning() {
    }

    /**
     * When and what to unfreeze.
     *
     * @param unfreeze   how many of the last frozen layers with weights to unfreeze, at least 1
     * @param startEpoch the epoch (from 0) at whose start they unfreeze; 0 for the whole run
     *                   (the head trained in an earlier run)
     * @param lrScale    the unfrozen layers' rate is the schedule's times this, above 0
     */
    public record Plan(int unfreeze, int startEpoch, double lrScale) {
        public Plan {
            if (unfreeze < 1) {
                throw new IllegalArgumentException("the number of layers to unfreeze must be at least 1, got "
                        + unfreeze);
            }
            if (startEpoch < 0) {
                throw new IllegalArgumentException("the epoch fine-tuning starts at must not be negative, got "
                        + startEpoch);
            }
            if (!(lrScale > 0) || Double.isInfinite(lrScale)) {
                throw new IllegalArgumentException("the fine-tuning learning-rate scale must be a finite number "
                        + "above 0, got " + lrScale);
            }
        }
    }

    /**
     * The layers fine-tuning can unfreeze, in network order: frozen now (no tensor trainable) and
     * not batchnorm (a layer with running statistics).
     */
    public static List<String> candidates(TrainableModel model) {
        Set<String> batchNorm = new HashSet<>();
        for (TensorInfo t : model.tensorInfos()) {
            if (t.name().endsWith(".running_mean")) {
                batchNorm.add(t.name().substring(0, t.name().length() - ".running_mean".length()));
            }
        }
        List<String> out = new ArrayList<>();
        for (String layer : model.layers()) {
            if (!batchNorm.contains(layer) && isFrozen(model, layer)) {
                out.add(layer);
            }
        }
        return out;
    }

    /**
     * Unfreezes the last {@code k} of {@link #candidates} at {@code lrScale} times the rate.
     *
     * @return the layers unfrozen, in network order
     * @throws IllegalArgumentException when there are fewer than {@code k} candidates, naming them
     */
    public static List<String> unfreezeLast(TrainableModel model, int k, double lrScale) {
        new Plan(k, 0, lrScale);
        List<String> frozen = candidates(model);
        if (k > frozen.size()) {
            throw new IllegalArgumentException(model.info().name() + " has " + (frozen.isEmpty() ? "no frozen layers"
                    : "only " + frozen.size() + " frozen " + (frozen.size() == 1 ? "layer" : "layers"))
                    + " with weights to unfreeze" + (frozen.isEmpty() ? "" : " (" + String.join(", ", frozen) + ")")
                    + ", not " + k + (frozen.isEmpty() ? "; freeze base layers with 'use BASE until LAYER frozen' or "
                    + "frozen { }" : ""));
        }
        List<String> chosen = List.copyOf(frozen.subList(frozen.size() - k, frozen.size()));
        for (String layer : chosen) {
            model.setFrozen(layer, false);
        }
        ParamLayout layout = model.layout();
        Set<String> layers = new HashSet<>(chosen);
        for (ParamLayout.Tensor t : model.layout().tensors()) {
            if (layers.contains(layerOf(t.name()))) {
                layout = layout.withLrScale(t.name(), lrScale);
            }
        }
        model.setOptimizer(withLayout(model.optimizer(), layout));
        return chosen;
    }

    /**
     * Trains with the plan: {@code options.epochs()} epochs in all, the last {@code k} frozen
     * layers unfrozen from epoch {@code plan.startEpoch()} on. A run resumed past that epoch
     * unfreezes them before its first step, so it continues as an unbroken one would.
     *
     * @param unfrozen receives the layers when they are unfrozen; may be null
     */
    public static FitResult run(TrainableModel model, Dataset train, Dataset validation, FitOptions options, Plan plan,
                                ProgressListener listener, Consumer<List<String>> unfrozen)
            throws IOException {
        if (plan.startEpoch() >= options.epochs()) {
            throw new IllegalArgumentException("fine-tuning would start after epoch " + plan.startEpoch() + " of a run of "
                    + options.epochs());
        }
        int available = candidates(model).size();
        if (plan.unfreeze() > available) {
            unfreezeLast(model, plan.unfreeze(), plan.lrScale()); // throws, naming the layers there are
        }
        return Fit.run(model, train, validation, options, new Unfreezing(model, plan, listener, unfrozen));
    }

    /** Unfreezes at the start of the plan's epoch; passes everything on. */
    private static final class Unfreezing implements ProgressListener {
        private final TrainableModel model;
        private final Plan plan;
        private final ProgressListener next;
        private final Consumer<List<String>> unfrozen;
        private boolean done;

        Unfreezing(TrainableModel model, Plan plan, ProgressListener next,
                   Consumer<List<String>> unfrozen) {
            this.model = model;
            this.plan = plan;
            this.next = next;
            this.unfrozen = unfrozen;
        }

        @Override
        public void started(FitPlan p) {
            next.started(p);
        }

        @Override
        public void epochStarted(int epoch, int epochs) {
            // Fit calls this before the epoch's first step, on its own thread: the one moment
            // between steps a run offers.
            if (!done && epoch >= plan.startEpoch()) {
                done = true;
                List<String> layers = unfreezeLast(model, plan.unfreeze(), plan.lrScale());
                if (unfrozen != null) {
                    unfrozen.accept(layers);
                }
            }
            next.epochStarted(epoch, epochs);
        }

        @Override
        public void step(StepProgress progress) {
            next.step(progress);
        }

        @Override
        public void validating(int epoch) {
            next.validating(epoch);
        }

        @Override
        public void epochEnded(EpochResult result) {
            next.epochEnded(result);
        }

        @Override
        public void checkpointWritten(Path file, Position position) {
            next.checkpointWritten(file, position);
        }

        @Override
        public void finished(FitResult result) {
            next.finished(result);
        }
    }

    private static boolean isFrozen(TrainableModel model, String layer) {
        boolean any = false;
        for (ParamLayout.Tensor t : model.layout().tensors()) {
            if (layerOf(t.name()).equals(layer)) {
                any = true;
                if (t.trainable()) {
                    return false;
                }
            }
        }
        return any;
    }

    /** {@code a.b.weight} → {@code a.b}: tensor names are the layer name and one suffix. */
    private static String layerOf(String tensor) {
        int dot = tensor.lastIndexOf('.');
        return dot < 0 ? tensor : tensor.substring(0, dot);
    }

    /** The same optimizer on another layout (same geometry), its state carried over. */
    static Optimizer withLayout(Optimizer old, ParamLayout layout) {
        Optimizer next;
        if (old instanceof Sgd s) {
            next = new Sgd(layout, s.config());
        } else if (old instanceof Adam a) {
            next = new Adam(layout, a.config());
        } else {
            throw new IllegalArgumentException("unknown optimizer " + old.getClass().getSimpleName());
        }
        next.loadState(old.state());
        return next;
    }
}
