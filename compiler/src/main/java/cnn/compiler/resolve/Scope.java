package cnn.compiler.resolve;

import cnn.compiler.diag.SourceSpan;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A naming scope (SPEC §1.4): a model, or one block call. Layers made in it are named
 * {@code prefix + name}; unnamed ones {@code <op>_<k>} with k counting the unnamed layers of
 * that op in this scope. Residual, concat, add, repeat, for and if bodies share their scope.
 */
final class Scope {

    final String prefix;
    /** The tensor the scope started from: the model's input, or the tensor a block was called on. */
    final String input;
    final FileScope file;
    private final Map<String, Integer> counters = new HashMap<>();
    /** Names given by {@code name = …} here, to the layer (tensor) they name. */
    final Map<String, String> tensors = new LinkedHashMap<>();
    final Map<String, SourceSpan> tensorSpans = new HashMap<>();

    Scope(String prefix, String input, FileScope file) {
        this.prefix = prefix;
        this.input = input;
        this.file = file;
    }

    /** The next {@code <op>_<k>} not already used in the model. */
    String autoName(String op, GraphBuilder g) {
        int k = counters.getOrDefault(op, 0);
        String name;
        do {
            k++;
            name = prefix + op + "_" + k;
        } while (g.isUsed(name));
        counters.put(op, k);
        return name;
    }
}
