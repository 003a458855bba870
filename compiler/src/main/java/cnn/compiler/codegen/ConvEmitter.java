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
 * the innermost loop runs over output channels with unit stride; a 1x1 convolution at stride 1
 * is one matrix product over the pixels. A following batchnorm is folded into the weights.
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
        return weightAndBias(ctx, packed, why);
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
        boolean bias = hasBias(ctx);
        CodeBlock.Builder c = CodeBlock.builder();
        loadWeights(c, ctx, bias);
        String in = ctx.in();
        if (g.isPointwise() && g.groups() == 1) {
            c.add("// 1x1 at stride 1: a matrix product, pixels x $L times $L x $L\n", g.cin(), g.cin(), g.cout());
            c.beginControlFlow("for (int p = 0; p < $L; p++)", (long) g.h() * g.w());
            if (ctx.splitRows()) {
                // whole rows per thread, so two threads never write the same cache line of a row
                c.beginControlFlow("if ($L % parts != part)", g.w() > 1 ? "p / " + g.w() : "p")
                        .addStatement("continue").endControlFlow();
            }
            c.addStatement("int i = $L", Expr.times("p", g.cin()));
            c.addStatement("int o = $L", Expr.times("p", g.cout()));
            initAccumulators(c, bias, g.cout());
            accumulate(c, in, g, "i");
            c.add(ActivationCode.onRange(ctx.step().activation(), "out", "o", g.cout()));
            c.endControlFlow();
            return c.build();
        }
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

    private static void accumulate(CodeBlock.Builder c, String in, ConvGeometry g, String inBase) {
        accumulate(c, in, g, inBase, "0");
    }

    /** {@code out[o + co] += in[i + ci] · w[k + ci·cout + co]}, per group. */
    private static void accumulate(CodeBlock.Builder c, String in, ConvGeometry g, String inBase, String kBase) {
        if (g.groups() == 1) {
            MultiplyAdd.emit(c, in, inBase, kBase, g.cin(), g.cout(), g.cout(), "o");
            return;
        }
        c.beginControlFlow("for (int gr = 0; gr < $L; gr++)", g.groups());
        c.addStatement("int og = o + $L", Expr.times("gr", g.coutPerGroup()));
        MultiplyAdd.emit(c, in, Expr.sum(inBase, Expr.times("gr", g.cinPerGroup())),
                Expr.sum(kBase, Expr.times("gr", g.coutPerGroup())), g.cinPerGroup(), g.cout(), g.coutPerGroup(), "og");
        c.endControlFlow();
    }
}
