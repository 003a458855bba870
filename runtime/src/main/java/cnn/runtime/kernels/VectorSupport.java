package cnn.runtime.kernels;

/**
 * The one place that names {@link VectorKernels}: the class is loaded only when this method
 * runs, so a JVM without {@code jdk.incubator.vector} never touches it.
 */
final class VectorSupport {

    private VectorSupport() {
    }

    static Kernels kernels() {
        return new VectorKernels();
    }
}
