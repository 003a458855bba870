package cnn.compiler.shape;

import cnn.compiler.graph.Op;
import cnn.compiler.graph.PadSpec;
import cnn.compiler.graph.Padding;
import cnn.compiler.graph.Shape;
import cnn.compiler.graph.Window;
import java.util.Optional;

/** Windowed and global pooling: no parameters, no MACs (SPEC §1.3 counts only multiplications). */
final class PoolRule {

    private PoolRule() {
    }

    static Optional<LayerFacts> pool(Op.Pool op, Shape input, LayerCheck check) {
        Window w = op.window();
        boolean ok = Sliding.validWindow(w, check) && Sliding.validPad(op.pad(), check);
        if (!ok || !padWithinHalfKernel(op, check)) {
            return Optional.empty();
        }
        Shape.Grid in = check.grid(input, op.opName());
        if (in == null) {
            return Optional.empty();
        }
        Sliding.Out out = Sliding.out(in, w, op.pad(), check, "use pad=same or a smaller kernel");
        if (out == null) {
            return Optional.empty();
        }
        return check.tensor(Shape.grid(out.h(), out.w(), in.c())).map(s -> new LayerFacts(s, 0, 0, 0));
    }

    static Optional<LayerFacts> global(Op.GlobalPool op, Shape input, LayerCheck check) {
        Shape.Grid in = check.grid(input, op.opName());
        if (in == null) {
            return Optional.empty();
        }
        return Optional.of(new LayerFacts(Shape.vector(in.c()), 0, 0, 0));
    }

    /**
     * E0404: with more padding than half the window, some windows see only padding (max pooling
     * would output -inf, average pooling would divide by no pixels). PyTorch refuses it too.
     * {@code same} never pads that much.
     */
    private static boolean padWithinHalfKernel(Op.Pool op, LayerCheck check) {
        if (!(op.pad() instanceof PadSpec.Explicit e)) {
            return true;
        }
        Padding p = e.padding();
        long halfH = op.window().effectiveKernelH() / 2;
        long halfW = op.window().effectiveKernelW() / 2;
        if (Math.max(p.top(), p.bottom()) <= halfH && Math.max(p.left(), p.right()) <= halfW) {
            return true;
        }
        check.error("E0404", "pad " + op.pad() + " is more than half the " + Sliding.kernel(op.window())
                        + ": some windows would see only padding",
                "use pad=same, or pad at most " + (halfH == halfW ? Long.toString(halfH) : "(" + halfH + ", " + halfH
                        + ", " + halfW + ", " + halfW + ")"));
        return false;
    }
}
