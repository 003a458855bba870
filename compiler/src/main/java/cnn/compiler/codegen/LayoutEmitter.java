package cnn.compiler.codegen;

import cnn.compiler.graph.Op;
import cnn.compiler.graph.Padding;
import cnn.compiler.graph.Shape;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;

/** Layers that move values: nearest upsampling, zero padding and channel concatenation. */
final class LayoutEmitter implements LayerEmitter {

    private static final ClassName ARRAYS = ClassName.get("java.util", "Arrays");

    @Override
    public CodeBlock body(LayerContext ctx) {
        Op op = ctx.node().op();
        CodeBlock.Builder c = CodeBlock.builder();
        Shape.Grid out = ctx.outGrid();
        if (op instanceof Op.Upsample u) {
            Shape.Grid in = ctx.inGrid();
            int f = u.factor();
            c.beginControlFlow("for (int y = 0; y < $L; y++)", out.h());
            c.addStatement("int r = $L", Expr.timesSum("y / " + f, in.w()));
            c.beginControlFlow("for (int x = 0; x < $L; x++)", out.w());
            c.addStatement("System.arraycopy($L, $L, out, $L, $L)", ctx.in(),
                    Expr.timesSum("r + x / " + f, in.c()),
                    Expr.timesSum(Expr.sum(Expr.times("y", out.w()), "x"), out.c()), in.c());
            c.endControlFlow();
            c.endControlFlow();
        } else if (op instanceof Op.ZeroPad z) {
            Shape.Grid in = ctx.inGrid();
            Padding p = z.padding();
            c.addStatement("$T.fill(out, 0, $L, 0f)", ARRAYS, out.elements());
            c.beginControlFlow("for (int y = 0; y < $L; y++)", in.h());
            c.addStatement("System.arraycopy($L, $L, out, $L, $L)", ctx.in(), Expr.times("y", in.w() * in.c()),
                    Expr.sum(Expr.times("y", out.w() * out.c()), Expr.literal(((long) p.top() * out.w() + p.left()) * out.c())),
                    in.w() * in.c());
            c.endControlFlow();
        } else if (op instanceof Op.Concat) {
            long pixels = out.h() * out.w();
            c.beginControlFlow("for (int p = 0; p < $L; p++)", pixels);
            c.addStatement("int o = $L", Expr.times("p", out.c()));
            long offset = 0;
            for (int k = 0; k < ctx.inputs().size(); k++) {
                long ck = ctx.node().inputShapes().get(k).channels();
                c.addStatement("System.arraycopy($L, $L, out, $L, $L)", ctx.inputs().get(k), Expr.times("p", ck),
                        Expr.sum("o", Expr.literal(offset)), ck);
                offset += ck;
            }
            c.endControlFlow();
        } else {
            throw new IllegalArgumentException("not a layout op: " + op.opName());
        }
        c.add(ActivationCode.onTensor(ctx.step().activation(), "out", ctx.step().outputShape()));
        return c.build();
    }
}
