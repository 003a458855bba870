package cnn.compiler.codegen;

import cnn.compiler.graph.Network;
import cnn.compiler.lower.InferencePlan;
import java.util.List;

/**
 * Turns a shape-checked network into Java specialised to its sizes: for {@code model M} the
 * inference class {@code M} (see {@link ModelClassWriter} for what it contains).
 */
public final class JavaGenerator {

    private JavaGenerator() {
    }

    /**
     * @param packageName the Java package, or "" for none
     * @throws IllegalArgumentException when the network cannot become Java (a model name that is a Java keyword)
     */
    public static List<GeneratedFile> generate(Network network, String packageName) {
        InferencePlan plan = InferencePlan.lower(network);
        return List.of(new ModelClassWriter(plan, packageName).write());
    }
}
