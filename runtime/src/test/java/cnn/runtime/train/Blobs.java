package cnn.runtime.train;

import cnn.runtime.data.ArrayDataset;
import cnn.runtime.init.Rng;

/**
 * Three well separated Gaussian clusters as 2x2x1 "images": class k has mean 2 at pixel k and 0
 * elsewhere, noise 0.3. The means are 2√2 apart, so the midway boundary is √2 ≈ 1.41 from each,
 * 4.7 standard deviations: a linear classifier gets essentially every sample right.
 */
final class Blobs {

    static final int CLASSES = 3;

    private Blobs() {
    }

    static ArrayDataset make(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * 4];
        int[] y = new int[n];
        for (int s = 0; s < n; s++) {
            int k = s % CLASSES;
            y[s] = k;
            for (int i = 0; i < 4; i++) {
                x[s * 4 + i] = (float) ((i == k ? 2.0 : 0.0) + 0.3 * rng.nextGaussian());
            }
        }
        return ArrayDataset.labelled(2, 2, 1, x, y, CLASSES);
    }
}
