package cnn.compiler.codegen;

import com.palantir.javapoet.CodeBlock;

/**
 * The loop nest shared by convolutions and pooling: output pixels, then the window rows and
 * columns that fall inside the input. {@code o} indexes the output pixel's first channel and
 * {@code i} the input pixel's.
 */
final class WindowLoops {

    /** What happens at each output pixel: before the window, per input pixel, after. */
    interface PixelBody {
        void before(CodeBlock.Builder c);

        void perInputPixel(CodeBlock.Builder c);

        void after(CodeBlock.Builder c);
    }

    private WindowLoops() {
    }

    static CodeBlock emit(ConvGeometry g, int inChannels, int outChannels, PixelBody body) {
        return emit(g, inChannels, outChannels, false, body);
    }

    /** With {@code splitRows}, only the output rows {@code oy % parts == part} are computed. */
    static CodeBlock emit(ConvGeometry g, int inChannels, int outChannels, boolean splitRows, PixelBody body) {
        CodeBlock.Builder c = CodeBlock.builder();
        c.beginControlFlow("for (int oy = 0; oy < $L; oy++)", g.oh());
        if (splitRows) {
            c.beginControlFlow("if (oy % parts != part)").addStatement("continue").endControlFlow();
        }
        c.beginControlFlow("for (int ox = 0; ox < $L; ox++)", g.ow());
        c.addStatement("int o = $L", Expr.timesSum(Expr.sum(Expr.times("oy", g.ow()), "ox"), outChannels));
        body.before(c);
        c.beginControlFlow("for (int ky = 0; ky < $L; ky++)", g.kh());
        c.addStatement("int iy = $L", g.inputRow());
        if (g.rowsLeaveInput()) {
            c.beginControlFlow("if (iy < 0 || iy >= $L)", g.h()).addStatement("continue").endControlFlow();
        }
        c.beginControlFlow("for (int kx = 0; kx < $L; kx++)", g.kw());
        c.addStatement("int ix = $L", g.inputCol());
        if (g.colsLeaveInput()) {
            c.beginControlFlow("if (ix < 0 || ix >= $L)", g.w()).addStatement("continue").endControlFlow();
        }
        c.addStatement("int i = $L", Expr.timesSum(Expr.sum(Expr.times("iy", g.w()), "ix"), inChannels));
        body.perInputPixel(c);
        c.endControlFlow();
        c.endControlFlow();
        body.after(c);
        c.endControlFlow();
        c.endControlFlow();
        return c.build();
    }
}
