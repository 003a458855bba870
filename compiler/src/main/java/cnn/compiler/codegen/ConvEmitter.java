package cnn.compiler.codegen;

import cnn.compiler.graph.Node;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.Padding;
import cnn.compiler.graph.Window;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;

/**
 * Convolution ({@code conv}, and a {@code slide}'s dense layer, which is a valid stride-1
 * convolution over the flattened extent). Weights are packed {@code [kh][kw][cin/g][cout]} so
 * the innermost loop runs over output channels with unit stride. With one group the layer calls
 * the runtime's register-blocked kernel (a 1x1 convolution is then a matrix product over the
 * pixels), reading a zero-padded copy of its input when it pads; grouped convolutions keep
 * generated loops. A following batchnorm is folded into the weights, the activation into the kernel.
 */
final class ConvEmitter implements LayerEmitter {

    static final ClassName PACKING = ClassName.get("cnn.runtime.kernels", "Packing");
    static final ClassName BATCH_NORMS = ClassName.get("cnn.runtime.kernels", "BatchNorms");
    static final TypeName FLOATS = ArrayTypeName.of(TypeName.FLOAT);

    static ConvGeometry geometry(LayerContext ctx) {
        Node n = ctx.node();
        if (n.op() instanceof Op.Conv c) {
            return ConvGeometry.of(ctx.inGrid(), ctx.outGrid(), c.window(), n.padding(), c.groups());
        }
        Op.SlidingDense d = (Op.SlidingDense) n.op();
        return ConvGeometry.of(ctx.inGrid(), ctx.outGrid(), Window.of(d.kernelH(), d.kernelW(), 1), Padding.NONE, 1);
    }

    static boolean hasBias(LayerContext ctx) {
        Op op = ctx.node().op();
        boolean bias = op instanceof Op.Conv c ? c.bias()
                : op instanceof Op.SlidingDense d ? d.bias()
                : op instanceof Op.DepthwiseConv d ? d.bias()
                : ((Op.Dense) op).bias();
        return bias || ctx.step().foldedNorm().isPresent();
    }

    /** One group: the runtime's register-blocked kernel; grouped convolutions keep the loops below. */
    static boolean usesKernel(LayerContext ctx) {
        return geometry(ctx).groups() == 1;
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
        String layer = ctx.node().name();
        CodeBlock packed;
        String why;
        if (ctx.node().op() instanceof Op.SlidingDense) {
            // dense [units, kh·kw·c] with the input in (y, x, c) order is the transpose of what the kernel reads
            packed = CodeBlock.of("$T.outputChannelsLast($L, $L, $L, 1, 1)", PACKING, ctx.tensor(layer, "weight"),
                    g.cout(), g.kh() * g.kw() * g.cin());
            why = "dense [units, kh*kw*c] packed [kh][kw][c][units]";
        } else {
            packed = CodeBlock.of("$T.outputChannelsLast($L, $L, $L, $L, $L)", PACKING, ctx.tensor(layer, "weight"),
                    g.cout(), g.cinPerGroup(), g.kh(), g.kw());
            why = "[out][in/g][kh][kw] packed [kh][kw][in/g][out]";
        }
        if (!usesKernel(ctx)) {
            return weightAndBias(ctx, packed, why);
        }
        List<PackedField> fields = kernelWeights(ctx, packed, why, g.cout());
        fields.add(new PackedField(ctx.field("shape"), KernelCalls.CONV_SHAPE,
                KernelCalls.convShape(g, ctx.step().activation()), "sizes and tap offsets for the kernel"));
        return fields;
    }

    /** Weights and bias for a runtime kernel, which always reads a bias: zeros for a layer without one. */
    static List<PackedField> kernelWeights(LayerContext ctx, CodeBlock packed, String why, int outputs) {
        List<PackedField> fields = new ArrayList<>(weightAndBias(ctx, packed, why));
        if (!hasBias(ctx)) {
            fields.add(new PackedField(ctx.field("b"), FLOATS, CodeBlock.of("new float[$L]", outputs),
                    "no bias: zeros"));
        }
        return fields;
    }

    /** The packed weight field and the bias field, with a following batchnorm folded into both. */
    static List<PackedField> weightAndBias(LayerContext ctx, CodeBlock packed, String why) {
        List<PackedField> fields = new ArrayList<>();
        String layer = ctx.node().name();
        fields.add(new PackedField(ctx.field("w"), FLOATS, packed, why));
        CodeBlock bias = ctx.hasTensor(layer, "bias") ? ctx.tensor(layer, "bias") : CodeBlock.of("null");
        if (ctx.step().foldedNorm().isPresent()) {
            Node bn = ctx.step().foldedNorm().get();
            double eps = ((Op.BatchNorm) bn.op()).eps();
            CodeBlock affine = CodeBlock.of("$T.affine($L, $L, $L, $L, $L)", BATCH_NORMS,
                    ctx.tensor(bn.name(), "weight"), ctx.tensor(bn.name(), "bias"),
                    ctx.tensor(bn.name(), "running_mean"), ctx.tensor(bn.name(), "running_var"),
                    Expr.doubleLiteral(eps));
            fields.add(new PackedField(ctx.field("b"), FLOATS,
                    CodeBlock.of("$T.fold($L, $L, $L)", BATCH_NORMS, ctx.field("w"), bias, affine),
                    bn.name() + " folded into the weights and bias"));
        } else if (ctx.hasTensor(layer, "bias")) {
            fields.add(new PackedField(ctx.field("b"), FLOATS, bias, "bias"));
        }
        return fields;
    }

    /** Sets {@code out[o .. o+count)} to the bias, or to zero. */
    static void initAccumulators(CodeBlock.Builder c, boolean bias, int count) {
        c.beginControlFlow("for (int co = 0; co < $L; co++)", count);
        c.addStatement(bias ? "out[o + co] = b[co]" : "out[o + co] = 0f");
        c.endControlFlow();
    }

    static void loadWeights(CodeBlock.Builder c, LayerContext ctx, boolean bias) {
        c.addStatement("float[] w = $L", ctx.field("w"));
        if (bias) {
            c.addStatement("float[] b = $L", ctx.field("b"));
        }
    }

    @Override
    public CodeBlock body(LayerContext ctx) {
        ConvGeometry g = geometry(ctx);
        if (usesKernel(ctx)) {
            long pixels = (long) g.oh() * g.ow();
            return CodeBlock.builder()
                    .add("// $L: $L taps per output, 4 pixels x 64 channels at a time\n",
                            g.isPointwise() ? "1x1 at stride 1, a matrix product" : "direct convolution",
                            (long) g.kh() * g.kw() * g.cin())
                    .addStatement("$L.conv($L, $L, $L, $L, out, $L, $L)", KernelCalls.FIELD, ctx.in(),
                            ctx.field("shape"), ctx.field("w"), ctx.field("b"), KernelCalls.from(ctx, pixels),
                            KernelCalls.to(ctx, pixels))
                    .build();
        }
        boolean bias = hasBias(ctx);
        CodeBlock.Builder c = CodeBlock.builder();
        loadWeights(c, ctx, bias);
        String in = ctx.in();
        c.add(WindowLoops.emit(g, g.cin(), g.cout(), ctx.splitRows(), new WindowLoops.PixelBody() {
            @Override
            public void before(CodeBlock.Builder b) {
                initAccumulators(b, bias, g.cout());
            }

            @Override
            public void perInputPixel(CodeBlock.Builder b) {
                b.addStatement("int k = $L", Expr.timesSum(Expr.sum(Expr.times("ky", g.kw()), "kx"),
                        (long) g.cinPerGroup() * g.cout()));
                accumulate(b, in, g, "i", "k");
            }

            @Override
            public void after(CodeBlock.Builder b) {
                b.add(ActivationCode.onRange(ctx.step().activation(), "out", "o", g.cout()));
            }
        }));
        return c.build();
    }

    /** {@code out[o + co] += in[i + ci] · w[k + ci·cout + co]}, per group (grouped convolutions only). */
    private static void accumulate(CodeBlock.Builder c, String in, ConvGeometry g, String inBase, String kBase) {
        c.beginControlFlow("for (int gr = 0; gr < $L; gr++)", g.groups());
        c.addStatement("int og = o + $L", Expr.times("gr", g.coutPerGroup()));
        MultiplyAdd.emit(c, in, Expr.sum(inBase, Expr.times("gr", g.cinPerGroup())),
                Expr.sum(kBase, Expr.times("gr", g.coutPerGroup())), g.cinPerGroup(), g.cout(), g.coutPerGroup(), "og");
        c.endControlFlow();
    }
}
