package cnn.compiler.codegen;

import cnn.compiler.graph.Padding;
import cnn.compiler.graph.Shape;
import cnn.compiler.graph.Window;

/**
 * Every size of one convolution-like layer, as int literals for the generated loops. Public
 * because the trainer generator ({@code codegen.training}) sizes its loops with it too.
 */
public record ConvGeometry(int h, int w, int cin, int oh, int ow, int cout, int kh, int kw, int sh, int sw,
                           int dh, int dw, int padTop, int padLeft, int groups) {

    public static ConvGeometry of(Shape.Grid in, Shape.Grid out, Window win, Padding pad, int groups) {
        return new ConvGeometry(Math.toIntExact(in.h()), Math.toIntExact(in.w()), Math.toIntExact(in.c()),
                Math.toIntExact(out.h()), Math.toIntExact(out.w()), Math.toIntExact(out.c()),
                win.kernelH(), win.kernelW(), win.strideH(), win.strideW(), win.dilationH(), win.dilationW(),
                pad.top(), pad.left(), groups);
    }

    public int cinPerGroup() {
        return cin / groups;
    }

    public int coutPerGroup() {
        return cout / groups;
    }

    public int inSize() {
        return h * w * cin;
    }

    public int outSize() {
        return oh * ow * cout;
    }

    /**
     * A 1x1 kernel at stride 1 without padding: each output pixel reads exactly its own input
     * pixel (with one group, one matrix product over the pixels).
     */
    public boolean isPointwise() {
        return kh == 1 && kw == 1 && sh == 1 && sw == 1 && padTop == 0 && padLeft == 0 && oh == h && ow == w;
    }

    /** Some window row falls outside the input (padding), so the kernel must skip it. */
    public boolean rowsLeaveInput() {
        return padTop > 0 || (long) (oh - 1) * sh - padTop + (long) (kh - 1) * dh >= h;
    }

    public boolean colsLeaveInput() {
        return padLeft > 0 || (long) (ow - 1) * sw - padLeft + (long) (kw - 1) * dw >= w;
    }

    /** {@code oy·sh − padTop + ky·dh}. */
    public String inputRow() {
        return Expr.sum(Expr.times("oy", sh), Expr.literal(-padTop), Expr.times("ky", dh));
    }

    public String inputCol() {
        return Expr.sum(Expr.times("ox", sw), Expr.literal(-padLeft), Expr.times("kx", dw));
    }
}
