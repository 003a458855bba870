package cnn.runtime.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Makes instances of one generated model. A generated model {@code M} has a public nested class
 * {@code M.Factory} with a no-argument constructor, so a tool that compiled the model at run time
 * needs nothing beyond instantiating that class by name.
 */
public interface ModelFactory<M extends Model> {

    ModelInfo info();

    /** The tensors of the weights file, in file order. */
    List<TensorInfo> tensorInfos();

    /** Loads a weights file; a missing, mismatched or corrupt file is one {@link IOException} naming the tensor. */
    M load(Path npz) throws IOException;

    /** Fresh weights: He/Xavier per layer, biases zero, batchnorm the identity, constant kernels as written. */
    M init(long seed);

    /** From tensors in the file layout, keyed by name; every tensor must be present with its exact size. */
    M fromTensors(Map<String, float[]> tensors);
}
