package cnn.compiler.codegen.training;

import cnn.compiler.codegen.Expr;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.Padding;
import cnn.compiler.graph.Shape;
import com.palantir.javapoet.CodeBlock;

/**
 * Layers that move or add values: nearest upsampling (backward: the sum over each f x f block),
 * zero padding (backward: the interior), channel concatenation (backward: each input's
 * channels) and element-wise addition (backward: the gradient to every input).
 */
final class LayoutTrainEmitter implements StepEmitter {

    @Override
    public CodeBlock forward(StepContext c) {
        Op op = c.node().op();
        CodeBlock.Builder b = CodeBlock.builder();
        Shape.Grid out = Geometry.grid(c.step().outputShape());
        if (op instanceof Op.Upsample u) {
            Shape.Grid in = Geometry.grid(c.node().inputShape());
            int f = u.factor();
            b.beginControlFlow("for (int oy = 0; oy < $L; oy++)", out.h());
            b.addStatement("int r = $L", Expr.sum(c.inBase(0), Expr.times("(oy / " + f + ")", in.w() * in.c())));
            b.beginControlFlow("for (int ox = 0; ox < $L; ox++)", out.w());
            b.addStatement("System.arraycopy(x, $L, y, $L, $L)", Expr.sum("r", Expr.times("(ox / " + f + ")", in.c())),
                    Expr.sum(c.outBase(), Expr.times(Expr.group(Expr.sum(Expr.times("oy", out.w()), "ox")), out.c())), in.c());
            b.endControlFlow();
            b.endControlFlow();
        } else if (op instanceof Op.ZeroPad z) {
            Shape.Grid in = Geometry.grid(c.node().inputShape());
            Padding p = z.padding();
            b.addStatement("$T.fill(y, $L, $L, $L)", ARRAYS, c.outBase(), Expr.sum(c.outBase(), Expr.literal(c.outSize())),
                    c.zero());
            b.beginControlFlow("for (int iy = 0; iy < $L; iy++)", in.h());
            b.addStatement("System.arraycopy(x, $L, y, $L, $L)", Expr.sum(c.inBase(0), Expr.times("iy", in.w() * in.c())),
                    Expr.sum(c.outBase(), Expr.times("iy", out.w() * out.c()),
                            Expr.literal(((long) p.top() * out.w() + p.left()) * out.c())), in.w() * in.c());
            b.endControlFlow();
        } else if (op instanceof Op.Concat) {
            long pixels = out.h() * out.w();
            b.beginControlFlow("for (int q = 0; q < $L; q++)", pixels);
            b.addStatement("int o = $L", Expr.sum(c.outBase(), Expr.times("q", out.c())));
            long offset = 0;
            for (int k = 0; k < c.inputs(); k++) {
                long ck = c.node().inputShapes().get(k).channels();
                b.addStatement("System.arraycopy($L, $L, y, $L, $L)", c.x(k), Expr.sum(c.inBase(k), Expr.times("q", ck)),
                        Expr.sum("o", Expr.literal(offset)), ck);
                offset += ck;
            }
            b.endControlFlow();
        } else if (op instanceof Op.Add) {
            StringBuilder sum = new StringBuilder();
            for (int k = 0; k < c.inputs(); k++) {
                sum.append(k == 0 ? "" : " + ").append(c.x(k)).append("[").append(Expr.sum(c.inBase(k), "j")).append("]");
            }
            b.beginControlFlow("for (int j = 0; j < $L; j++)", c.outSize());
            b.addStatement("y[$L] = $L", Expr.sum(c.outBase(), "j"), sum);
            b.endControlFlow();
        } else {
            throw new IllegalArgumentException("not a layout op: " + op.opName());
        }
        return b.build();
    }

    @Override
    public CodeBlock backward(StepContext c) {
        Op op = c.node().op();
        CodeBlock.Builder b = CodeBlock.builder();
        Shape.Grid out = Geometry.grid(c.step().outputShape());
        for (int k = 0; k < c.inputs(); k++) {
            if (!c.hasInputGradient(k)) {
                continue;
            }
            b.beginControlFlow("if ($L)", c.needsGradient(k));
            if (op instanceof Op.Upsample u) {
                Shape.Grid in = Geometry.grid(c.node().inputShape());
                int f = u.factor();
                b.beginControlFlow("for (int iy = 0; iy < $L; iy++)", in.h());
                b.beginControlFlow("for (int ix = 0; ix < $L; ix++)", in.w());
                b.addStatement("int i = $L", Expr.sum(c.inBase(0), Expr.times(Expr.group(Expr.sum(Expr.times("iy", in.w()), "ix")),
                        in.c())));
                b.beginControlFlow("for (int c = 0; c < $L; c++)", in.c());
                b.addStatement("$L acc = $L", c.type().keyword(), c.zero());
                b.beginControlFlow("for (int a = 0; a < $L; a++)", f);
                b.addStatement("int r = $L", Expr.sum(c.outBase(), Expr.times(Expr.group(Expr.sum(Expr.times(
                        Expr.group(Expr.sum(Expr.times("iy", f), "a")), out.w()), Expr.times("ix", f))), out.c()), "c"));
                b.beginControlFlow("for (int e = 0; e < $L; e++)", f);
                b.addStatement("acc += dy[$L]", Expr.sum("r", Expr.times("e", out.c())));
                b.endControlFlow();
                b.endControlFlow();
                b.addStatement(StepEmitter.write(c, 0, "i + c", "acc"));
                b.endControlFlow();
                b.endControlFlow();
                b.endControlFlow();
            } else if (op instanceof Op.ZeroPad z) {
                Shape.Grid in = Geometry.grid(c.node().inputShape());
                Padding p = z.padding();
                long row = in.w() * in.c();
                b.beginControlFlow("for (int iy = 0; iy < $L; iy++)", in.h());
                b.addStatement("int i = $L", Expr.sum(c.inBase(0), Expr.times("iy", row)));
                b.addStatement("int o = $L", Expr.sum(c.outBase(), Expr.times("iy", out.w() * out.c()),
                        Expr.literal(((long) p.top() * out.w() + p.left()) * out.c())));
                b.beginControlFlow("for (int j = 0; j < $L; j++)", row);
                b.addStatement(StepEmitter.write(c, 0, "i + j", "dy[o + j]"));
                b.endControlFlow();
                b.endControlFlow();
            } else if (op instanceof Op.Concat) {
                long offset = 0;
                for (int m = 0; m < k; m++) {
                    offset += c.node().inputShapes().get(m).channels();
                }
                long ck = c.node().inputShapes().get(k).channels();
                b.beginControlFlow("for (int q = 0; q < $L; q++)", out.h() * out.w());
                b.addStatement("int i = $L", Expr.sum(c.inBase(k), Expr.times("q", ck)));
                b.addStatement("int o = $L", Expr.sum(c.outBase(), Expr.times("q", out.c()), Expr.literal(offset)));
                b.beginControlFlow("for (int c = 0; c < $L; c++)", ck);
                b.addStatement(StepEmitter.write(c, k, "i + c", "dy[o + c]"));
                b.endControlFlow();
                b.endControlFlow();
            } else if (op instanceof Op.Add) {
                b.beginControlFlow("for (int j = 0; j < $L; j++)", c.outSize());
                b.addStatement(StepEmitter.write(c, k, Expr.sum(c.inBase(k), "j"), "dy[" + Expr.sum(c.outBase(), "j") + "]"));
                b.endControlFlow();
            }
            b.endControlFlow();
            if (!(op instanceof Op.Concat || op instanceof Op.Add)) {
                break;
            }
        }
        return b.build();
    }
}
