package cnn.runtime.loss;

/**
 * Squared error averaged over every value of the batch, as PyTorch's {@code MSELoss}:
 * {@code Σ (y − t)² / (n·size)}, gradient {@code 2(y − t)/(n·size)}.
 */
public final class MeanSquaredError implements Loss {

    private final int size;

    public MeanSquaredError(int size) {
        this.size = Batches.checkPositive("mse: values per sample", size);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public double loss(float[] output, float[] target, int n, float[] grad) {
        Batches.check("mse", size, output, target, n, grad);
        int count = n * size;
        double scale = 1.0 / count;
        double total = 0;
        for (int i = 0; i < count; i++) {
            double d = (double) output[i] - target[i];
            total += d * d;
            if (grad != null) {
                grad[i] = (float) (2 * d * scale);
            }
        }
        return total * scale;
    }
}
