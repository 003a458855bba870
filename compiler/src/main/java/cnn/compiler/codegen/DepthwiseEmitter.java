package cnn.compiler.codegen;

import cnn.compiler.graph.Op;
import com.palantir.javapoet.CodeBlock;
import java.util.List;

/**
 * Depthwise convolution: output channel {@code c·M + m} filters input channel {@code c}.
 * Weights {@code [C·M, 1, kh, kw]} are packed {@code [kh][kw][C·M]}. With multiplier 1 the layer
 * calls the runtime's kernel, vectorised across channels over a zero-padded copy of its input;
 * other multipliers keep generated loops.
 */
final class DepthwiseEmitter implements LayerEmitter {

    private static ConvGeometry geometry(LayerContext ctx) {
        Op.DepthwiseConv d = (Op.DepthwiseConv) ctx.node().op();
        return ConvGeometry.of(ctx.inGrid(), ctx.outGrid(), d.window(), ctx.node().padding(), 1);
    }

    /** Multiplier 1 (every depthwise layer of MobileNet): the runtime's kernel, vectorised across channels. */
    private static boolean usesKernel(LayerContext ctx) {
        return ((Op.DepthwiseConv) ctx.node().op()).multiplier() == 1;
    }

    @Override
    public int scratchFloats(LayerContext ctx) {
        return usesKernel(ctx) ? KernelCalls.paddedFloats(geometry(ctx)) : 0;
    }

    @Override
    public CodeBlock prepare(LayerContext ctx, String input, String scratch) {
        return CodeBlock.of("$L.pad($L, $L)", ctx.field("shape"), input, scratch);
    }

    @Override
    public List<PackedField> fields(LayerContext ctx) {
        ConvGeometry g = geometry(ctx);
        CodeBlock packed = CodeBlock.of("$T.outputChannelsLast($L, $L, 1, $L, $L)", ConvEmitter.PACKING,
                ctx.tensor(ctx.node().name(), "weight"), g.cout(), g.kh(), g.kw());
        String why = "[C*M][1][kh][kw] packed [kh][kw][C*M]";
        if (!usesKernel(ctx)) {
            return ConvEmitter.weightAndBias(ctx, packed, why);
        }
        List<PackedField> fields = ConvEmitter.kernelWeights(ctx, packed, why, g.cout());
        fields.add(new PackedField(ctx.field("shape"), KernelCalls.CONV_SHAPE,
                KernelCalls.convShape(g, ctx.step().activation()), "sizes and tap offsets for the kernel"));
        return fields;
    }

    @Override
    public CodeBlock body(LayerContext ctx) {
        ConvGeometry g = geometry(ctx);
        if (usesKernel(ctx)) {
            long pixels = (long) g.oh() * g.ow();
            return CodeBlock.builder()
                    .add("// $L taps per output, 64 channels at a time\n", g.kh() * g.kw())
                    .addStatement("$L.depthwise($L, $L, $L, $L, out, $L, $L)", KernelCalls.FIELD, ctx.in(),
                            ctx.field("shape"), ctx.field("w"), ctx.field("b"), KernelCalls.from(ctx, pixels),
                            KernelCalls.to(ctx, pixels))
                    .build();
        }
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
