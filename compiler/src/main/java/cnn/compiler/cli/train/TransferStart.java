package cnn.compiler.cli.train;

import cnn.compiler.cli.CliException;
import cnn.compiler.cli.Cnnc;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.TrainSpec;
import cnn.compiler.transfer.BaseWeights;
import cnn.compiler.transfer.FineTunePlan;
import cnn.compiler.transfer.TransferException;
import cnn.compiler.transfer.WholeData;
import cnn.runtime.data.Dataset;
import cnn.runtime.train.FineTuning;
import cnn.runtime.train.TrainableModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code cnnc train} adds for transfer learning: starting the reused layers from base
 * weights files ({@code --base}), testing on a separate dataset ({@code --test}), and the
 * fine-tuning plan ({@code --unfreeze}, {@code --finetune-epochs}, {@code --finetune-lr-scale},
 * or {@code train { finetune … }}). Kept apart from {@link TrainRun} so the loop stays readable.
 */
final class TransferStart {

    private TransferStart() {
    }

    /**
     * Loads the reused layers' tensors from {@code files} into {@code trainer}; the other layers
     * keep their fresh initialisation.
     *
     * @return one line for the log
     */
    static String loadBase(Network network, TrainableModel trainer, List<Path> files, Path weights) {
        if (weights != null) {
            throw new CliException("give --base or --weights, not both: --weights holds every tensor already "
                    + "(use it to resume or continue a run), --base starts a new model's reused layers", Cnnc.USAGE);
        }
        Map<String, float[]> base;
        try {
            base = BaseWeights.load(network, files);
        } catch (TransferException e) {
            throw new CliException(e.getMessage(), Cnnc.ERRORS);
        }
        trainer.loadTensors(BaseWeights.overlay(trainer.tensors(), base));
        List<String> from = BaseWeights.reused(network).stream().map(BaseWeights.Reused::from).distinct().toList();
        long layers = BaseWeights.reused(network).stream().map(BaseWeights.Reused::layer).distinct().count();
        return "base: " + base.size() + " tensors of " + layers + " layers reused from " + String.join(", ", from)
                + " loaded from " + String.join(", ", files.stream().map(Path::toString).toList())
                + "; the other layers start fresh";
    }

    /** All of {@code --data} to train on, all of {@code --test} to test on. */
    static DataSplit withTest(String data, String test, int height, int width, int channels) {
        try {
            Dataset train = WholeData.open(data, WholeData.Part.TRAIN, height, width, channels);
            Dataset held = WholeData.open(test, WholeData.Part.TEST, height, width, channels);
            if (train.classes() != held.classes() && train.classes() > 0 && held.classes() > 0) {
                throw new CliException("--test " + test + " has " + held.classes() + " classes but --data " + data
                        + " has " + train.classes(), Cnnc.ERRORS);
            }
            return new DataSplit(data, train, held, data + ": " + train.size() + " train, " + held.size()
                    + " test from " + test + " (also validated on after every epoch)");
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(e.getMessage(), Cnnc.ERRORS);
        } catch (UncheckedIOException e) {
            throw new CliException(e.getCause().getMessage(), Cnnc.ERRORS);
        }
    }

    /** The run's fine-tuning, if any; {@code runEpochs} as the flags and the section give it. */
    static Optional<FineTunePlan> plan(TrainRequest request, Optional<TrainSpec> spec, int runEpochs) {
        try {
            return FineTunePlan.resolve(spec.flatMap(TrainSpec::finetune), request.unfreeze(),
                    request.finetuneEpochs(), request.finetuneLrScale(), runEpochs);
        } catch (TransferException e) {
            throw new CliException(e.getMessage(), Cnnc.USAGE);
        }
    }

    /** The plan's line for the log, naming the layers it will unfreeze; refuses a count there is not. */
    static String describe(FineTunePlan plan, TrainableModel trainer) {
        List<String> candidates = FineTuning.candidates(trainer);
        if (plan.unfreeze() > candidates.size()) {
            throw new CliException("--unfreeze " + plan.unfreeze() + ": " + trainer.info().name() + " has "
                    + (candidates.isEmpty() ? "no frozen layers with weights; freeze base layers with "
                    + "'use BASE until LAYER frozen' or frozen { }" : "only " + candidates.size() + " frozen "
                    + (candidates.size() == 1 ? "layer" : "layers") + " with weights (" + String.join(", ", candidates)
                    + ")"), Cnnc.USAGE);
        }
        return plan.describe(candidates.subList(candidates.size() - plan.unfreeze(), candidates.size()));
    }
}
