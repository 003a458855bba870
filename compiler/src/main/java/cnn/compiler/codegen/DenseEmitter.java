package cnn.compiler.codegen;

import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Op;
import com.palantir.javapoet.CodeBlock;
import java.util.List;

/**
 * Dense layer on a vector (the NHWC flatten order is the memory order). Weights {@code [out][in]}
 * are packed {@code [in][out]}: the runtime's kernel adds one input times a row of weights into
 * 64 units held in registers, where a dot product per unit would be a serial float reduction.
 * A large layer run for one sample shares its units among the pool's threads.
 */
final class DenseEmitter implements LayerEmitter {

    @Override
    public List<PackedField> fields(LayerContext ctx) {
        int units = ((Op.Dense) ctx.node().op()).units();
        long in = ctx.node().inputShape().elements();
        CodeBlock packed = CodeBlock.of("$T.outputChannelsLast($L, $L, $L, 1, 1)", ConvEmitter.PACKING,
                ctx.tensor(ctx.node().name(), "weight"), units, in);
        return ConvEmitter.kernelWeights(ctx, packed, "[out][in] packed [in][out]", units);
    }

    @Override
    public CodeBlock body(LayerContext ctx) {
        int units = ((Op.Dense) ctx.node().op()).units();
        long in = ctx.node().inputShape().elements();
        Activation a = ctx.step().activation();
        CodeBlock.Builder c = CodeBlock.builder();
        c.addStatement("$L.dense($L, $L, $L, $L, out, $L, $L, $L, $L)", KernelCalls.FIELD, ctx.in(), in,
                ctx.field("w"), ctx.field("b"), units, KernelCalls.from(ctx, units), KernelCalls.to(ctx, units),
                KernelCalls.activation(a));
        if (a.kind() == Activation.Kind.SOFTMAX) {
            // the kernel applies element-wise activations; softmax needs every unit (never split)
            c.add(ActivationCode.onTensor(a, "out", ctx.step().outputShape()));
        }
        return c.build();
    }
}
