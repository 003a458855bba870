package cnn.compiler.codegen;

import cnn.compiler.graph.Node;
import cnn.compiler.graph.Shape;
import cnn.compiler.lower.Step;
import com.palantir.javapoet.CodeBlock;
import java.util.List;
import java.util.Map;

/**
 * What an emitter knows about the step it writes: the step, the Java identifier of its layer,
 * the names of its array parameters ({@code in} or {@code in0, in1, …}; the output is {@code out}),
 * and where each weights-file tensor sits in the constructor's {@code float[][] t}.
 *
 * @param splitRows the layer's outputs are shared among {@code parts} threads: the method
 *                  also takes {@code int part, int parts} and computes share {@code part}: the
 *                  contiguous pixels or units {@code [part·n/parts, (part+1)·n/parts)} when it calls
 *                  a runtime kernel, the rows {@code oy % parts == part} when it has its own loops
 */
record LayerContext(Step step, String id, List<String> inputs, Map<String, Integer> tensorIndex,
                    boolean splitRows) {

    Node node() {
        return step.node();
    }

    String in() {
        return inputs.get(0);
    }

    Shape.Grid inGrid() {
        return grid(node().inputShape());
    }

    Shape.Grid outGrid() {
        return grid(step.outputShape());
    }

    private static Shape.Grid grid(Shape s) {
        if (s instanceof Shape.Grid g) {
            return g;
        }
        // a vector is a 1x1 feature map to the kernels that accept one
        return Shape.grid(1, 1, s.elements());
    }

    /** {@code t[i]} for the tensor {@code <layer>.<suffix>} of {@code layer}. */
    CodeBlock tensor(String layer, String suffix) {
        Integer i = tensorIndex.get(layer + "." + suffix);
        if (i == null) {
            throw new IllegalStateException("the weights file has no tensor " + layer + "." + suffix);
        }
        return CodeBlock.of("t[$L]", i);
    }

    boolean hasTensor(String layer, String suffix) {
        return tensorIndex.containsKey(layer + "." + suffix);
    }

    /** The field holding this layer's packed weights, e.g. {@code conv_1_w}. */
    String field(String suffix) {
        return id + "_" + suffix;
    }
}
