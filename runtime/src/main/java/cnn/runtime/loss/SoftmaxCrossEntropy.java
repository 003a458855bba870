package cnn.runtime.loss;

/**
 * Softmax cross-entropy fused with the softmax, from logits: PyTorch's
 * {@code CrossEntropyLoss}, averaged over the batch. With integer labels the loss of a sample
 * is {@code logsumexp(z) − z[label]}; with a target distribution (one-hot or soft, as float
 * targets from a data file) it is {@code −Σ t·log softmax(z)}. The gradient with respect to the
 * logits is {@code (softmax(z) − onehot)/n}; the log-sum-exp is shifted by the largest logit, so
 * logits of any size give finite values.
 *
 * <p><b>No double softmax.</b> This loss takes the logits, the values <em>before</em> a softmax.
 * A classifier written the usual way ends in {@code dense 10 softmax}; its inference class
 * applies that softmax, but the trainer must not feed those probabilities here (the loss
 * would take a softmax of a softmax, and learn slowly or not at all). The generated trainer
 * therefore runs the training forward pass up to the logits, skipping the final softmax, and
 * hands this loss the logits; the gradient it returns is the gradient at those logits, so the
 * backward pass starts below the softmax layer. A model with no final softmax (ending in
 * {@code dense 10}) is trained the same way, and its predictions are its logits.
 */
public final class SoftmaxCrossEntropy implements Loss {

    private final int classes;

    public SoftmaxCrossEntropy(int classes) {
        this.classes = Batches.checkPositive("cross-entropy: number of classes", classes);
    }

    @Override
    public int size() {
        return classes;
    }

    /**
     * Loss from integer class labels.
     *
     * @throws IllegalArgumentException naming the sample whose label is not a class
     */
    public double loss(float[] logits, int[] labels, int n, float[] grad) {
        Batches.check("cross-entropy", classes, logits, null, n, grad);
        if (labels.length < n) {
            throw new IllegalArgumentException("cross-entropy: " + labels.length + " labels for " + n + " samples");
        }
        double scale = 1.0 / n;
        double total = 0;
        for (int s = 0; s < n; s++) {
            int label = labels[s];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("cross-entropy: sample " + s + " has label " + label
                        + ", outside the classes 0.." + (classes - 1));
            }
            int base = s * classes;
            double lse = StableMath.logSumExp(logits, base, classes);
            total += lse - logits[base + label];
            if (grad != null) {
                for (int k = 0; k < classes; k++) {
                    double p = Math.exp(logits[base + k] - lse);
                    grad[base + k] = (float) ((k == label ? p - 1 : p) * scale);
                }
            }
        }
        return total * scale;
    }

    /** Loss from a target distribution per sample (one-hot or soft labels). */
    @Override
    public double loss(float[] logits, float[] target, int n, float[] grad) {
        Batches.check("cross-entropy", classes, logits, target, n, grad);
        double scale = 1.0 / n;
        double total = 0;
        for (int s = 0; s < n; s++) {
            int base = s * classes;
            total += StableMath.softmaxCrossEntropy(logits, base, target, base, classes, grad, base, scale);
        }
        return total * scale;
    }
}
