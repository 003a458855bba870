package cnn.compiler.codegen;

import cnn.compiler.graph.Init;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.TensorSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;

/**
 * How {@code M.init(seed)} fills each tensor: He or Xavier by the layer's {@code init=} with
 * PyTorch's fans (conv: fan-in {@code in/g·kh·kw}, fan-out {@code out·kh·kw}), biases zero,
 * batchnorm the identity (γ 1, β 0, mean 0, var 1), constant kernels as written.
 */
final class InitCode {

    static final ClassName WEIGHT_INIT = ClassName.get("cnn.runtime.model", "WeightInit");

    private InitCode() {
    }

    /** The expression for one tensor; {@code constantField} names the static array of a constant kernel. */
    static CodeBlock of(Node node, TensorSpec t, String constantField) {
        String suffix = t.name().substring(node.name().length() + 1);
        int size = Math.toIntExact(t.size());
        Op op = node.op();
        if (op instanceof Op.BatchNorm) {
            return suffix.equals("weight") || suffix.equals("running_var")
                    ? CodeBlock.of("$T.ones($L)", WEIGHT_INIT, size)
                    : CodeBlock.of("new float[$L]", size);
        }
        if (!suffix.equals("weight")) {
            return CodeBlock.of("new float[$L]", size);
        }
        if (op instanceof Op.Conv c && c.constantWeights() != null) {
            return CodeBlock.of("$L.clone()", constantField);
        }
        int[] s = t.shape();
        long receptive = s.length == 4 ? (long) s[2] * s[3] : 1;
        long fanIn = s[1] * receptive;
        long fanOut = s[0] * receptive;
        Init init = op instanceof Op.Conv c ? c.init()
                : op instanceof Op.DepthwiseConv d ? d.init()
                : op instanceof Op.Dense d ? d.init()
                : Init.HE;
        return switch (init) {
            case HE -> CodeBlock.of("$T.he(seed, $S, $L, $L)", WEIGHT_INIT, t.name(), size, fanIn);
            case XAVIER -> CodeBlock.of("$T.xavier(seed, $S, $L, $L, $L)", WEIGHT_INIT, t.name(), size, fanIn, fanOut);
            case ZEROS -> CodeBlock.of("new float[$L]", size);
        };
    }
}
