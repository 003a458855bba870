package cnn.compiler.codegen;

import cnn.compiler.graph.Op;
import com.palantir.javapoet.CodeBlock;
import java.util.List;

/**
 * Depthwise convolution: output channel {@code c·M + m} filters input channel {@code c}.
 * Weights {@code [C·M, 1, kh, kw]} are packed {@code [kh][kw][C·M]}, so with multiplier 1 the
 * inner loop is a unit-stride multiply-add over channels.
 */
final class DepthwiseEmitter implements LayerEmitter {

    private static ConvGeometry geometry(LayerContext ctx) {
        Op.DepthwiseConv d = (Op.DepthwiseConv) ctx.node().op();
        return ConvGeometry.of(ctx.inGrid(), ctx.outGrid(), d.window(), ctx.node().padding(), 1);
    }

    @Override
    public List<PackedField> fields(LayerContext ctx) {
        ConvGeometry g = geometry(ctx);
        CodeBlock packed = CodeBlock.of("$T.outputChannelsLast($L, $L, 1, $L, $L)", ConvEmitter.PACKING,
                ctx.tensor(ctx.node().name(), "weight"), g.cout(), g.kh(), g.kw());
        return ConvEmitter.weightAndBias(ctx, packed, "[C*M][1][kh][kw] packed [kh][kw][C*M]");
    }

    @Override
    public CodeBlock body(LayerContext ctx) {
        ConvGeometry g = geometry(ctx);
        int m = ((Op.DepthwiseConv) ctx.node().op()).multiplier();
        boolean bias = ConvEmitter.hasBias(ctx);
        String in = ctx.in();
        CodeBlock.Builder c = CodeBlock.builder();
        ConvEmitter.loadWeights(c, ctx, bias);
        c.add(WindowLoops.emit(g, g.cin(), g.cout(), ctx.splitRows(), new WindowLoops.PixelBody() {
            @Override
            public void before(CodeBlock.Builder b) {
                ConvEmitter.initAccumulators(b, bias, g.cout());
            }

            @Override
            public void perInputPixel(CodeBlock.Builder b) {
                b.addStatement("int k = $L", Expr.timesSum(Expr.sum(Expr.times("ky", g.kw()), "kx"), g.cout()));
                if (m == 1) {
                    b.beginControlFlow("for (int c = 0; c < $L; c++)", g.cin());
                    b.addStatement("out[o + c] += $L[i + c] * w[k + c]", in);
                    b.endControlFlow();
                    return;
                }
                b.beginControlFlow("for (int c = 0; c < $L; c++)", g.cin());
                b.addStatement("float a = $L[i + c]", in);
                b.addStatement("int oc = o + c * $L", m);
                b.addStatement("int r = k + c * $L", m);
                b.beginControlFlow("for (int mi = 0; mi < $L; mi++)", m);
                b.addStatement("out[oc + mi] += a * w[r + mi]");
                b.endControlFlow();
                b.endControlFlow();
            }

            @Override
            public void after(CodeBlock.Builder b) {
                b.add(ActivationCode.onRange(ctx.step().activation(), "out", "o", g.cout()));
            }
        }));
        return c.build();
    }
}
