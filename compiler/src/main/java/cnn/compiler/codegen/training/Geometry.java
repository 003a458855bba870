package cnn.compiler.codegen.training;

import cnn.compiler.graph.Node;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.Padding;
import cnn.compiler.graph.Shape;
import cnn.compiler.graph.Window;

/**
 * Every size of a windowed layer as int literals for the generated loops. A dense layer is the
 * 1x1 case on a 1x1 map; a depthwise layer is the grouped case with one input channel per group.
 */
record Geometry(int h, int w, int cin, int oh, int ow, int cout, int kh, int kw, int sh, int sw, int dh, int dw,
                int padTop, int padLeft, int groups) {

    static Geometry of(Node n) {
        Shape.Grid in = grid(n.inputShape());
        Shape.Grid out = grid(n.output());
        Op op = n.op();
        if (op instanceof Op.Conv c) {
            return of(in, out, c.window(), n.padding(), c.groups());
        } else if (op instanceof Op.DepthwiseConv d) {
            return of(in, out, d.window(), n.padding(), Math.toIntExact(in.c()));
        } else if (op instanceof Op.Pool p) {
            return of(in, out, p.window(), n.padding(), 1);
        } else if (op instanceof Op.Dense) {
            return of(Shape.grid(1, 1, in.elements()), out, Window.of(1, 1, 1), Padding.NONE, 1);
        }
        throw new IllegalArgumentException("no window geometry for " + op.opName());
    }

    private static Geometry of(Shape.Grid in, Shape.Grid out, Window win, Padding pad, int groups) {
        return new Geometry(Math.toIntExact(in.h()), Math.toIntExact(in.w()), Math.toIntExact(in.c()),
                Math.toIntExact(out.h()), Math.toIntExact(out.w()), Math.toIntExact(out.c()),
                win.kernelH(), win.kernelW(), win.strideH(), win.strideW(), win.dilationH(), win.dilationW(),
                pad.top(), pad.left(), groups);
    }

    /** A vector is a 1x1 map to the kernels that accept one. */
    static Shape.Grid grid(Shape s) {
        return s instanceof Shape.Grid g ? g : Shape.grid(1, 1, s.elements());
    }

    int cinPerGroup() {
        return cin / groups;
    }

    int coutPerGroup() {
        return cout / groups;
    }

    int inSize() {
        return h * w * cin;
    }

    int outSize() {
        return oh * ow * cout;
    }

    /**
     * A 1x1 kernel at stride 1 without padding: each output pixel reads exactly its own input
     * pixel (with one group, a matrix product over the pixels).
     */
    boolean isPointwise() {
        return kh == 1 && kw == 1 && sh == 1 && sw == 1 && padTop == 0 && padLeft == 0 && oh == h && ow == w;
    }

    /** Some window row falls outside the input (padding), so the loops must skip it. */
    boolean rowsLeaveInput() {
        return padTop > 0 || (long) (oh - 1) * sh - padTop + (long) (kh - 1) * dh >= h;
    }

    boolean colsLeaveInput() {
        return padLeft > 0 || (long) (ow - 1) * sw - padLeft + (long) (kw - 1) * dw >= w;
    }

    /** {@code oy·sh − padTop + ky·dh}. */
    String inputRow() {
        return Ix.sum(Ix.times("oy", sh), Ix.literal(-padTop), Ix.times("ky", dh));
    }

    String inputCol() {
        return Ix.sum(Ix.times("ox", sw), Ix.literal(-padLeft), Ix.times("kx", dw));
    }
}
