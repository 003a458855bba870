package cnn.runtime.data;

import cnn.runtime.init.Rng;

/** A dataset divided into disjoint training and validation parts. */
public record Split(Dataset train, Dataset validation) {

    /**
     * Puts a seeded random {@code fraction} of the samples (rounded down) in validation and the
     * rest in training; no sample is in both.
     */
    public static Split of(Dataset data, double fraction, long seed) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1): " + fraction);
        }
        int n = data.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Rng.stream(seed, "split").shuffle(order);
        int validation = (int) Math.floor(n * fraction);
        int[] val = java.util.Arrays.copyOfRange(order, 0, validation);
        int[] train = java.util.Arrays.copyOfRange(order, validation, n);
        java.util.Arrays.sort(val);  // keep the original order within each part
        java.util.Arrays.sort(train);
        return new Split(data.subset(train), data.subset(val));
    }
}
