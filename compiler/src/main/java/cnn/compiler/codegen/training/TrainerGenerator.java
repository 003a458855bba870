package cnn.compiler.codegen.training;

import cnn.compiler.codegen.GeneratedFile;
import cnn.compiler.graph.Network;
import cnn.compiler.lower.training.TrainingPlan;
import java.util.regex.Pattern;

/**
 * Generates {@code p.MTrainer}, the training class of {@code model M} (SPEC §4): it takes an
 * {@code M}, runs {@code step(x, targets, n)} (forward with saved activations, loss, backward,
 * one optimizer step) and implements {@code cnn.runtime.train.TrainableModel}, through which the
 * generic loop in {@code cnn.runtime.train} runs {@code fit} and {@code evaluate}.
 */
public final class TrainerGenerator {

    private TrainerGenerator() {
    }

    /**
     * @throws IllegalArgumentException with a message for the user when the model cannot be
     *                                  trained (a sliding-window model, a loss without its head)
     */
    public static GeneratedFile generate(Network network, String packageName) {
        return generate(network, packageName, TrainerOptions.defaults());
    }

    /** False for a sliding-window model ({@code slide … over}), which is inference-only. */
    public static boolean isTrainable(Network network) {
        return network.weightsFrom().isEmpty();
    }

    public static GeneratedFile generate(Network network, String packageName, TrainerOptions options) {
        GeneratedFile file = new TrainerWriter(TrainingPlan.lower(network), packageName, options).write();
        checkName(network, packageName, options);
        return file;
    }

    /**
     * The trainer names the model's class M beside its own fields, parameters and locals
     * ({@code n}, {@code lr}, {@code loss}, {@code CONFIG}, one per layer such as
     * {@code a_conv_1}); a model named like one of them made {@code M.X} read that variable
     * and the source did not compile. The names are those of the same trainer written for a
     * model with a name no Java code uses.
     */
    private static void checkName(Network network, String packageName, TrainerOptions options) {
        Network placeholder = new Network(PLACEHOLDER, network.packageName(), network.inputName(), network.input(),
                network.nodes(), network.outputs(), network.train(), network.weightsFrom(), network.span());
        String code = new TrainerWriter(TrainingPlan.lower(placeholder), packageName, options).write().source()
                .replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "")
                .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
        if (Pattern.compile("\\b" + Pattern.quote(network.name()) + "\\b").matcher(code).find()) {
            throw new IllegalArgumentException("model " + network.name() + ": its generated trainer also uses the name "
                    + network.name() + " for one of its own variables; rename the model");
        }
    }

    private static final String PLACEHOLDER = "CnnTrainerNamePlaceholder";
}
