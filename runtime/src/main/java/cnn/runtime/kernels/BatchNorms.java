package cnn.runtime.kernels;

/**
 * Inference batch normalisation as a per-channel affine map {@code y = x·scale + shift}, with
 * {@code scale = γ / sqrt(var + eps)} and {@code shift = β − mean·scale} (computed in double),
 * and its folding into the layer before it.
 */
public final class BatchNorms {

    private BatchNorms() {
    }

    /** {@code [scale, shift]} per channel. */
    public static float[][] affine(float[] gamma, float[] beta, float[] mean, float[] var, double eps) {
        int c = gamma.length;
        float[] scale = new float[c];
        float[] shift = new float[c];
        for (int i = 0; i < c; i++) {
            double s = gamma[i] / Math.sqrt(var[i] + eps);
            scale[i] = (float) s;
            shift[i] = (float) (beta[i] - mean[i] * s);
        }
        return new float[][] {scale, shift};
    }

    /**
     * Folds the normalisation into packed weights whose fastest axis is the output channel
     * ({@link Packing#outputChannelsLast}) and returns the new bias; {@code bias} may be null
     * (a layer with {@code bias=false}). The weights are scaled in place.
     */
    public static float[] fold(float[] packedWeights, float[] bias, float[][] affine) {
        float[] scale = affine[0];
        float[] shift = affine[1];
        int c = scale.length;
        if (packedWeights.length % c != 0) {
            throw new IllegalArgumentException("weights of " + packedWeights.length + " values do not end in " + c
                    + " channels");
        }
        for (int i = 0; i < packedWeights.length; i++) {
            packedWeights[i] = (float) ((double) packedWeights[i] * scale[i % c]);
        }
        float[] b = new float[c];
        for (int i = 0; i < c; i++) {
            double b0 = bias == null ? 0.0 : bias[i];
            b[i] = (float) (b0 * scale[i] + shift[i]);
        }
        return b;
    }
}
