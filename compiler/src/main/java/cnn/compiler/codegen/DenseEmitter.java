package cnn.compiler.codegen;

import cnn.compiler.graph.Op;
import com.palantir.javapoet.CodeBlock;
import java.util.List;

/**
 * Dense layer on a vector (the NHWC flatten order is the memory order). Weights {@code [out][in]}
 * are packed {@code [in][out]}: the inner loop adds one input times a row of weights into every
 * unit, which vectorises, where a dot product per unit would be a serial float reduction.
 */
final class DenseEmitter implements LayerEmitter {

    @Override
    public List<PackedField> fields(LayerContext ctx) {
        int units = ((Op.Dense) ctx.node().op()).units();
        long in = ctx.node().inputShape().elements();
        CodeBlock packed = CodeBlock.of("$T.outputChannelsLast($L, $L, $L, 1, 1)", ConvEmitter.PACKING,
                ctx.tensor(ctx.node().name(), "weight"), units, in);
        return ConvEmitter.weightAndBias(ctx, packed, "[out][in] packed [in][out]");
    }

    @Override
    public CodeBlock body(LayerContext ctx) {
        int units = ((Op.Dense) ctx.node().op()).units();
        long in = ctx.node().inputShape().elements();
        boolean bias = ConvEmitter.hasBias(ctx);
        CodeBlock.Builder c = CodeBlock.builder();
        ConvEmitter.loadWeights(c, ctx, bias);
        c.beginControlFlow("for (int co = 0; co < $L; co++)", units);
        c.addStatement(bias ? "out[co] = b[co]" : "out[co] = 0f");
        c.endControlFlow();
        MultiplyAdd.emit(c, ctx.in(), "0", "0", in, units, units, "0");
        c.add(ActivationCode.onTensor(ctx.step().activation(), "out", ctx.step().outputShape()));
        return c.build();
    }
}
