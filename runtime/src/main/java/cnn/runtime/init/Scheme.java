package cnn.runtime.init;

/** How a weight tensor starts ({@code init=} in a layer); biases always start at zero. */
public enum Scheme {
    /** Normal, std = sqrt(2 / fan_in) (He et al. 2015), for ReLU networks. */
    HE,
    /** Uniform in ±sqrt(6 / (fan_in + fan_out)) (Glorot and Bengio 2010). */
    XAVIER,
    ZEROS
}
