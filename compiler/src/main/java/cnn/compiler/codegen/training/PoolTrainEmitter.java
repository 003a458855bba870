package cnn.compiler.codegen.training;

import cnn.compiler.codegen.ConvGeometry;
import cnn.compiler.codegen.Expr;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.Shape;
import com.palantir.javapoet.CodeBlock;

/**
 * Max and average pooling, windowed and global. Max pooling pads with −∞ and sends the
 * gradient to the first input of the window (in scan order) that equals the output, as PyTorch
 * picks its argmax; average pooling divides by the real pixels under the window, forward and back.
 */
final class PoolTrainEmitter implements StepEmitter {

    @Override
    public CodeBlock forward(StepContext c) {
        if (c.node().op() instanceof Op.GlobalPool gp) {
            return globalForward(c, gp.kind() == Op.PoolKind.MAX);
        }
        boolean max = ((Op.Pool) c.node().op()).kind() == Op.PoolKind.MAX;
        ConvGeometry g = Geometry.of(c.node());
        boolean partial = g.rowsLeaveInput() || g.colsLeaveInput();
        int ch = g.cin();
        return WindowLoops.emit(g, ch, ch, c.inBase(0), c.outBase(), null, new WindowLoops.PixelBody() {
            @Override
            public void before(CodeBlock.Builder b) {
                b.beginControlFlow("for (int c = 0; c < $L; c++)", ch);
                b.addStatement("y[o + c] = $L", max ? c.type().negativeInfinity() : c.zero());
                b.endControlFlow();
                if (!max && partial) {
                    b.addStatement("int cnt = 0");
                }
            }

            @Override
            public void perInputPixel(CodeBlock.Builder b) {
                if (!max && partial) {
                    b.addStatement("cnt++");
                }
                b.beginControlFlow("for (int c = 0; c < $L; c++)", ch);
                b.addStatement(max ? "y[o + c] = Math.max(y[o + c], x[i + c])" : "y[o + c] += x[i + c]");
                b.endControlFlow();
            }

            @Override
            public void after(CodeBlock.Builder b) {
                if (max) {
                    return;
                }
                divisor(b, c, g, partial);
                b.beginControlFlow("for (int c = 0; c < $L; c++)", ch);
                b.addStatement("y[o + c] /= d");
                b.endControlFlow();
            }
        });
    }

    @Override
    public CodeBlock backward(StepContext c) {
        CodeBlock.Builder b = CodeBlock.builder();
        if (!c.hasInputGradient(0)) {
            return b.build();
        }
        b.beginControlFlow("if ($L)", c.needsGradient(0));
        if (c.node().op() instanceof Op.GlobalPool gp) {
            b.add(globalBackward(c, gp.kind() == Op.PoolKind.MAX));
            return b.endControlFlow().build();
        }
        boolean max = ((Op.Pool) c.node().op()).kind() == Op.PoolKind.MAX;
        ConvGeometry g = Geometry.of(c.node());
        boolean partial = g.rowsLeaveInput() || g.colsLeaveInput();
        int ch = g.cin();
        String raw = c.step().savesPreActivation() ? "z" : "y";
        StepEmitter.clearIfFirst(b, c, 0);
        b.beginControlFlow("for (int oy = 0; oy < $L; oy++)", g.oh());
        b.beginControlFlow("for (int ox = 0; ox < $L; ox++)", g.ow());
        b.addStatement("int o = $L", Expr.sum(c.outBase(), Expr.times(Expr.group(Expr.sum(Expr.times("oy", g.ow()), "ox")), ch)));
        if (max) {
            b.beginControlFlow("for (int c = 0; c < $L; c++)", ch);
            b.addStatement("$L m = $L[o + c]", c.type().keyword(), raw);
            b.addStatement("$L d = dy[o + c]", c.type().keyword());
            // the first input equal to the maximum, found by selects: where the maximum lies is
            // random, and branches on it would be mispredicted half the time
            b.addStatement("int at = -1");
            WindowLoops.windows(b, g, ch, c.inBase(0), null, in ->
                    in.addStatement("at = at < 0 && x[i + c] == m ? i + c : at"));
            b.beginControlFlow("if (at >= 0)");
            b.addStatement("$L[at] += d", c.dx(0));
            b.endControlFlow();
            b.endControlFlow();
        } else {
            if (partial) {
                b.addStatement("int cnt = 0");
                WindowLoops.windows(b, g, ch, c.inBase(0), null, in -> in.addStatement("cnt++"));
            }
            divisor(b, c, g, partial);
            WindowLoops.windows(b, g, ch, c.inBase(0), null, in -> {
                in.beginControlFlow("for (int c = 0; c < $L; c++)", ch);
                in.addStatement("$L[i + c] += dy[o + c] / d", c.dx(0));
                in.endControlFlow();
            });
        }
        b.endControlFlow();
        b.endControlFlow();
        return b.endControlFlow().build();
    }

    /** {@code d}: the pixels the window averages, counted ({@code n}) where it can leave the input. */
    private static void divisor(CodeBlock.Builder b, StepContext c, ConvGeometry g, boolean partial) {
        if (partial) {
            b.addStatement("$L d = cnt", c.type().keyword());
        } else {
            b.addStatement("$L d = $L", c.type().keyword(), c.lit((double) g.kh() * g.kw()));
        }
    }

    private static CodeBlock globalForward(StepContext c, boolean max) {
        Shape.Grid in = Geometry.grid(c.node().inputShape());
        long pixels = in.h() * in.w();
        long ch = in.c();
        CodeBlock.Builder b = CodeBlock.builder();
        b.addStatement("int o = $L", c.outBase());
        b.beginControlFlow("for (int c = 0; c < $L; c++)", ch);
        b.addStatement("y[o + c] = $L", max ? c.type().negativeInfinity() : c.zero());
        b.endControlFlow();
        b.beginControlFlow("for (int q = 0; q < $L; q++)", pixels);
        b.addStatement("int i = $L", Expr.sum(c.inBase(0), Expr.times("q", ch)));
        b.beginControlFlow("for (int c = 0; c < $L; c++)", ch);
        b.addStatement(max ? "y[o + c] = Math.max(y[o + c], x[i + c])" : "y[o + c] += x[i + c]");
        b.endControlFlow();
        b.endControlFlow();
        if (!max) {
            b.beginControlFlow("for (int c = 0; c < $L; c++)", ch);
            b.addStatement("y[o + c] /= $L", c.lit(pixels));
            b.endControlFlow();
        }
        return b.build();
    }

    private static CodeBlock globalBackward(StepContext c, boolean max) {
        Shape.Grid in = Geometry.grid(c.node().inputShape());
        long pixels = in.h() * in.w();
        long ch = in.c();
        CodeBlock.Builder b = CodeBlock.builder();
        b.addStatement("int o = $L", c.outBase());
        if (max) {
            String raw = c.step().savesPreActivation() ? "z" : "y";
            StepEmitter.clearIfFirst(b, c, 0);
            b.beginControlFlow("for (int c = 0; c < $L; c++)", ch);
            b.addStatement("$L m = $L[o + c]", c.type().keyword(), raw);
            b.beginControlFlow("for (int q = 0; q < $L; q++)", pixels);
            b.addStatement("int i = $L", Expr.sum(c.inBase(0), Expr.times("q", ch), "c"));
            b.beginControlFlow("if (x[i] == m)");
            b.addStatement("$L[i] += dy[o + c]", c.dx(0));
            b.addStatement("break");
            b.endControlFlow();
            b.endControlFlow();
            b.endControlFlow();
            return b.build();
        }
        b.beginControlFlow("for (int q = 0; q < $L; q++)", pixels);
        b.addStatement("int i = $L", Expr.sum(c.inBase(0), Expr.times("q", ch)));
        b.beginControlFlow("for (int c = 0; c < $L; c++)", ch);
        b.addStatement(StepEmitter.write(c, 0, "i + c", "dy[o + c] / " + c.lit(pixels)));
        b.endControlFlow();
        b.endControlFlow();
        return b.build();
    }
}
