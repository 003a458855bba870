package cnn.runtime.loss;

/**
 * Binary cross-entropy from logits, averaged over every value of the batch, as PyTorch's
 * {@code BCEWithLogitsLoss}: per value {@code log(1 + e^x) − t·x}, computed as
 * {@code max(x, 0) + log1p(e^−|x|) − t·x} so large logits neither overflow nor lose the loss to
 * rounding; gradient {@code (σ(x) − t)/(n·size)}. Like the cross-entropy, it takes the values
 * before a final sigmoid (the trainer skips that sigmoid, as it skips a final softmax).
 * Targets must lie in [0, 1].
 */
public final class BinaryCrossEntropy implements Loss {

    private final int size;

    public BinaryCrossEntropy(int size) {
        this.size = Batches.checkPositive("bce: values per sample", size);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public double loss(float[] logits, float[] target, int n, float[] grad) {
        Batches.check("bce", size, logits, target, n, grad);
        int count = n * size;
        double scale = 1.0 / count;
        double total = 0;
        for (int i = 0; i < count; i++) {
            double t = target[i];
            if (!(t >= 0 && t <= 1)) {
                throw new IllegalArgumentException("bce: sample " + i / size + " has target " + t + " at index "
                        + i % size + ", outside [0, 1]");
            }
            double x = logits[i];
            total += StableMath.bceWithLogits(x, t);
            if (grad != null) {
                grad[i] = (float) ((StableMath.sigmoid(x) - t) * scale);
            }
        }
        return total * scale;
    }
}
