package cnn.compiler.codegen;

import cnn.compiler.graph.Network;
import cnn.compiler.lower.InferencePlan;
import java.util.List;

/**
 * Turns a shape-checked network into Java specialised to its sizes: for {@code model M} the
 * inference class {@code M} (see {@link ModelClassWriter} for what it contains).
 */
public final class JavaGenerator {

    /**
     * Layers and weight tensors a generated class may hold. A class file holds at most 65,535
     * constants and a method (the static initialiser listing the tensors) 64 KB of code: a model
     * of 100,000 layers (the front end's limit) took 10 s and 20 GB of allocation to generate a
     * class javac could not compile, and 1,000 layers of conv and batchnorm (3,000 tensors) gave
     * "code too large". 602 layers with 1,800 tensors compile, model and trainer; the largest
     * published CNNs stay below (ResNet-152: about 310 layers, 770 tensors).
     */
    public static final int MAX_LAYERS = 600;
    public static final int MAX_TENSORS = 1_800;

    private JavaGenerator() {
    }

    /** Refuses, naming the model, a network too large for one generated class. */
    public static void checkSize(Network network) {
        if (network.nodes().size() > MAX_LAYERS) {
            throw new IllegalArgumentException(String.format("model %s has %,d layers; generated Java holds at most "
                    + "%,d layers per model (a Java class has room for 65,535 constants); split the model", network.name(),
                    network.nodes().size(), MAX_LAYERS));
        }
        int tensors = network.tensors().size();
        if (tensors > MAX_TENSORS) {
            throw new IllegalArgumentException(String.format("model %s has %,d weight tensors; generated Java holds at "
                    + "most %,d per model (a Java method has room for 64 KB of code); split the model", network.name(),
                    tensors, MAX_TENSORS));
        }
    }

    /**
     * @param packageName the Java package, or "" for none
     * @throws IllegalArgumentException when the network cannot become Java (a model name that is a Java keyword)
     */
    public static List<GeneratedFile> generate(Network network, String packageName) {
        checkSize(network);
        InferencePlan plan = InferencePlan.lower(network);
        return List.of(new ModelClassWriter(plan, packageName).write());
    }
}
