package cnn.compiler.resolve;

import cnn.compiler.graph.Network;
import java.util.Map;

/**
 * A model after resolution, with the names its statements gave tensors ({@code a = conv …}),
 * which {@code use M until a} refers to.
 */
record ResolvedModel(Network network, Map<String, String> tensors) {

    ResolvedModel {
        tensors = Map.copyOf(tensors);
    }
}
