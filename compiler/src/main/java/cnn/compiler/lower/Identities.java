package cnn.compiler.lower;

import cnn.compiler.graph.Node;
import cnn.compiler.graph.Op;

/**
 * Layers that leave an NHWC buffer as it is at inference: flatten (row-major H, W, C is the
 * memory order already), dropout, heads (raw passthrough) and a linear activation. Without an
 * activation suffix their output is the same buffer as their input.
 */
public final class Identities {

    private Identities() {
    }

    /** True when {@code node} computes nothing at inference: its output aliases its input. */
    public static boolean isAlias(Node node) {
        return isIdentityOp(node.op()) && node.activation().isLinear();
    }

    /** The op itself is the identity (an activation suffix may still apply). */
    public static boolean isIdentityOp(Op op) {
        return op instanceof Op.Flatten || op instanceof Op.Dropout || op instanceof Op.Localize
                || op instanceof Op.Landmarks || op instanceof Op.Yolo
                || (op instanceof Op.Act a && a.activation().isLinear());
    }
}
