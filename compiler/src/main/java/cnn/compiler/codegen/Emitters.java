package cnn.compiler.codegen;

import cnn.compiler.graph.Op;
import cnn.compiler.lower.Identities;

/** The emitter for each op; adding an op means one branch here and one emitter. */
final class Emitters {

    private static final LayerEmitter CONV = new ConvEmitter();
    private static final LayerEmitter DEPTHWISE = new DepthwiseEmitter();
    private static final LayerEmitter DENSE = new DenseEmitter();
    private static final LayerEmitter POOL = new PoolEmitter();
    private static final LayerEmitter ELEMENTWISE = new ElementwiseEmitter();
    private static final LayerEmitter LAYOUT = new LayoutEmitter();

    private Emitters() {
    }

    static LayerEmitter of(Op op) {
        if (op instanceof Op.Conv || op instanceof Op.SlidingDense) {
            return CONV;
        } else if (op instanceof Op.DepthwiseConv) {
            return DEPTHWISE;
        } else if (op instanceof Op.Dense) {
            return DENSE;
        } else if (op instanceof Op.Pool || op instanceof Op.GlobalPool) {
            return POOL;
        } else if (op instanceof Op.Add || op instanceof Op.BatchNorm || op instanceof Op.Act
                || Identities.isIdentityOp(op)) {
            return ELEMENTWISE;
        } else if (op instanceof Op.Upsample || op instanceof Op.ZeroPad || op instanceof Op.Concat) {
            return LAYOUT;
        }
        throw new IllegalArgumentException("no code generator for op " + op.opName());
    }
}
