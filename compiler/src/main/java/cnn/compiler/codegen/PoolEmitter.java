package cnn.compiler.codegen;

import cnn.compiler.graph.Op;
import cnn.compiler.graph.Shape;
import com.palantir.javapoet.CodeBlock;

/**
 * Max and average pooling, windowed and global. Max pooling pads with −∞ (padded pixels never
 * win); average pooling divides by the number of real pixels under the window.
 */
final class PoolEmitter implements LayerEmitter {

    @Override
    public CodeBlock body(LayerContext ctx) {
        if (ctx.node().op() instanceof Op.GlobalPool gp) {
            return global(ctx, gp.kind());
        }
        Op.Pool pool = (Op.Pool) ctx.node().op();
        boolean max = pool.kind() == Op.PoolKind.MAX;
        ConvGeometry g = ConvGeometry.of(ctx.inGrid(), ctx.outGrid(), pool.window(), ctx.node().padding(), 1);
        // only a window that can leave the input needs a count of the real pixels under it
        boolean partial = g.rowsLeaveInput() || g.colsLeaveInput();
        String in = ctx.in();
        int channels = g.cin();
        CodeBlock.Builder c = CodeBlock.builder();
        c.add(WindowLoops.emit(g, channels, channels, new WindowLoops.PixelBody() {
            @Override
            public void before(CodeBlock.Builder b) {
                b.beginControlFlow("for (int c = 0; c < $L; c++)", channels);
                b.addStatement(max ? "out[o + c] = Float.NEGATIVE_INFINITY" : "out[o + c] = 0f");
                b.endControlFlow();
                if (!max && partial) {
                    b.addStatement("int n = 0");
                }
            }

            @Override
            public void perInputPixel(CodeBlock.Builder b) {
                if (!max && partial) {
                    b.addStatement("n++");
                }
                b.beginControlFlow("for (int c = 0; c < $L; c++)", channels);
                if (max) {
                    b.addStatement("out[o + c] = Math.max(out[o + c], $L[i + c])", in);
                } else {
                    b.addStatement("out[o + c] += $L[i + c]", in);
                }
                b.endControlFlow();
            }

            @Override
            public void after(CodeBlock.Builder b) {
                if (!max) {
                    if (partial) {
                        b.addStatement("float d = n");
                    }
                    b.beginControlFlow("for (int c = 0; c < $L; c++)", channels);
                    b.addStatement("out[o + c] /= $L", partial ? "d" : Expr.floatLiteral(g.kh() * g.kw()));
                    b.endControlFlow();
                }
                b.add(ActivationCode.onRange(ctx.step().activation(), "out", "o", channels));
            }
        }));
        return c.build();
    }

    private static CodeBlock global(LayerContext ctx, Op.PoolKind kind) {
        Shape.Grid g = ctx.inGrid();
        boolean max = kind == Op.PoolKind.MAX;
        long pixels = g.h() * g.w();
        CodeBlock.Builder c = CodeBlock.builder();
        c.beginControlFlow("for (int c = 0; c < $L; c++)", g.c());
        c.addStatement(max ? "out[c] = Float.NEGATIVE_INFINITY" : "out[c] = 0f");
        c.endControlFlow();
        c.beginControlFlow("for (int p = 0; p < $L; p++)", pixels);
        c.addStatement("int i = $L", Expr.times("p", g.c()));
        c.beginControlFlow("for (int c = 0; c < $L; c++)", g.c());
        c.addStatement(max ? "out[c] = Math.max(out[c], $L[i + c])" : "out[c] += $L[i + c]", ctx.in());
        c.endControlFlow();
        c.endControlFlow();
        if (!max) {
            c.beginControlFlow("for (int c = 0; c < $L; c++)", g.c());
            c.addStatement("out[c] /= $L", Expr.floatLiteral(pixels));
            c.endControlFlow();
        }
        c.add(ActivationCode.onTensor(ctx.step().activation(), "out", ctx.step().outputShape()));
        return c.build();
    }
}
