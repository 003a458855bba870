package cnn.runtime.loss;

/** The argument checks every loss makes, with messages that name the loss and the array. */
final class Batches {

    private Batches() {
    }

    /** Checks the arrays hold {@code n} samples of {@code size} values (target and grad may be null). */
    static void check(String loss, int size, float[] output, float[] target, int n, float[] grad) {
        if (n < 1) {
            throw new IllegalArgumentException(loss + ": batch size " + n + " must be at least 1");
        }
        long need = (long) n * size;
        checkLength(loss, "output", output.length, n, size, need);
        if (target != null) {
            checkLength(loss, "target", target.length, n, size, need);
        }
        if (grad != null) {
            checkLength(loss, "gradient array", grad.length, n, size, need);
        }
    }

    private static void checkLength(String loss, String what, int length, int n, int size, long need) {
        if (length < need) {
            throw new IllegalArgumentException(loss + ": " + what + " has " + length + " values, but " + n
                    + " samples of " + size + " need " + need);
        }
    }

    static int checkPositive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " " + value + " must be at least 1");
        }
        return value;
    }
}
