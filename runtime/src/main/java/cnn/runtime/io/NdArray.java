package cnn.runtime.io;

/**
 * An n-dimensional array as stored in a {@code .npy} file, C order (last index fastest).
 * Floating-point files become {@link FloatArray}, integer and boolean files {@link IntArray}.
 */
public sealed interface NdArray permits FloatArray, IntArray {

    int[] shape();

    /** The element type this array is written as. */
    DType dtype();

    /** Number of elements: the product of the shape (1 for a scalar of shape {@code []}). */
    default int size() {
        return Shapes.elements(shape());
    }
}
