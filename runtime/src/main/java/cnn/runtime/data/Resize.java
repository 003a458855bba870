package cnn.runtime.data;

/** How an image is scaled to the model's input. */
public enum Resize {
    /** The source pixel under the target pixel's centre (PIL's NEAREST, PyTorch's {@code nearest-exact}). */
    NEAREST,
    /** Bilinear with pixel centres aligned (PyTorch's {@code align_corners=False}), no antialiasing. */
    BILINEAR
}
