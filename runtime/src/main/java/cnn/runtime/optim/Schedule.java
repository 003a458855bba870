package cnn.runtime.optim;

/**
 * A learning-rate schedule: a pure function of how far the run has got. {@code t} counts
 * completed epochs or optimizer steps from 0 (whichever the trainer schedules by) and
 * {@code total} is the length of the run in the same unit. The values match PyTorch's
 * {@code StepLR} and {@code CosineAnnealingLR(T_max=total, eta_min=0)} stepped once per unit.
 */
public sealed interface Schedule {

    /** The factor the base rate is multiplied by at {@code t} of {@code total}. */
    double factor(long t, long total);

    default double lr(double baseLr, long t, long total) {
        if (t < 0 || total < 1) {
            throw new IllegalArgumentException("a schedule needs 0 <= t and total >= 1, got t = " + t
                    + ", total = " + total);
        }
        return baseLr * factor(t, total);
    }

    /** The base rate throughout. */
    record Constant() implements Schedule {
        @Override
        public double factor(long t, long total) {
            return 1;
        }
    }

    /** The rate times {@code gamma} once every {@code every} units: {@code gamma^floor(t / every)}. */
    record Step(int every, double gamma) implements Schedule {
        public Step {
            if (every < 1) {
                throw new IllegalArgumentException("step schedule: every = " + every + " must be at least 1");
            }
            if (!(gamma > 0) || Double.isInfinite(gamma)) {
                throw new IllegalArgumentException("step schedule: gamma = " + gamma + " must be a finite number > 0");
            }
        }

        @Override
        public double factor(long t, long total) {
            return Math.pow(gamma, (double) (t / every));
        }
    }

    /** Half a cosine from the base rate at t = 0 down to 0 at t = total, and 0 after. */
    record Cosine() implements Schedule {
        @Override
        public double factor(long t, long total) {
            if (t >= total) {
                return 0;
            }
            return (1 + Math.cos(Math.PI * t / total)) / 2;
        }
    }
}
