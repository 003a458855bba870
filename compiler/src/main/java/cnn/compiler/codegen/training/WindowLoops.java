package cnn.compiler.codegen.training;

import cnn.compiler.codegen.ConvGeometry;
import cnn.compiler.codegen.Expr;
import com.palantir.javapoet.CodeBlock;

/**
 * The loop nest shared by convolutions and pooling, forward and backward: output pixels, then
 * the window rows and columns that fall inside the input. {@code o} indexes the output pixel's
 * first channel in the batch buffer and {@code i} the input pixel's.
 */
final class WindowLoops {

    /** What happens at each output pixel: before the window, per input pixel under it, after. */
    interface PixelBody {
        default void before(CodeBlock.Builder c) {
        }

        void perInputPixel(CodeBlock.Builder c);

        default void after(CodeBlock.Builder c) {
        }
    }

    private WindowLoops() {
    }

    /**
     * @param inBase  the sample's first input index, e.g. {@code s * 784}
     * @param outBase the sample's first output index
     * @param label   a label for the window loops (so a body can {@code break} out of the window), or null
     */
    static CodeBlock emit(ConvGeometry g, int inChannels, int outChannels, String inBase, String outBase, String label,
                          PixelBody body) {
        CodeBlock.Builder c = CodeBlock.builder();
        c.beginControlFlow("for (int oy = 0; oy < $L; oy++)", g.oh());
        c.beginControlFlow("for (int ox = 0; ox < $L; ox++)", g.ow());
        c.addStatement("int o = $L", Expr.sum(outBase, Expr.times(Expr.group(Expr.sum(Expr.times("oy", g.ow()), "ox")),
                outChannels)));
        body.before(c);
        windows(c, g, inChannels, inBase, label, body);
        body.after(c);
        c.endControlFlow();
        c.endControlFlow();
        return c.build();
    }

    /** Only the window loops, inside a body that has {@code oy} and {@code ox}. */
    static void windows(CodeBlock.Builder c, ConvGeometry g, int inChannels, String inBase, String label, PixelBody body) {
        if (label != null) {
            c.add("$L:\n", label);
        }
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
        c.addStatement("int i = $L", Expr.sum(inBase, Expr.times(Expr.group(Expr.sum(Expr.times("iy", g.w()), "ix")),
                inChannels)));
        body.perInputPixel(c);
        c.endControlFlow();
        c.endControlFlow();
    }
}
