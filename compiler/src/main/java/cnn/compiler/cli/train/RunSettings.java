package cnn.compiler.cli.train;

import cnn.runtime.optim.Schedule;
import java.util.List;

/**
 * The settings a run used after flags overrode the model's {@code train {}} section, as the
 * report and the log state them.
 *
 * @param maxSteps 0 when no {@code --steps} limit was given
 */
public record RunSettings(int epochs, long maxSteps, int batch, String optimizer, double lr, Schedule schedule,
                          long seed, List<String> augment, String loss) {

    public RunSettings {
        augment = List.copyOf(augment);
    }

    /** {@code constant}, {@code step(every=N, gamma=G)} or {@code cosine}, as a train section writes it. */
    public String scheduleText() {
        if (schedule instanceof Schedule.Step s) {
            return "step(every=" + s.every() + ", gamma=" + s.gamma() + ")";
        } else if (schedule instanceof Schedule.Cosine) {
            return "cosine";
        }
        return "constant";
    }

    /** One line for the log. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(epochs).append(epochs == 1 ? " epoch" : " epochs");
        if (maxSteps > 0) {
            sb.append(" (at most ").append(maxSteps).append(" steps)");
        }
        sb.append(", batch ").append(batch).append(", ").append(optimizer).append(" lr ").append(lr);
        if (!(schedule instanceof Schedule.Constant)) {
            sb.append(", schedule ").append(scheduleText());
        }
        sb.append(", loss ").append(loss).append(", seed ").append(seed);
        if (!augment.isEmpty()) {
            sb.append(", augment ").append(String.join(" ", augment));
        }
        return sb.toString();
    }
}
