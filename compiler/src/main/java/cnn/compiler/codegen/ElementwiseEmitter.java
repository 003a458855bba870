package cnn.compiler.codegen;

import cnn.compiler.graph.Node;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.Shape;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * Layers that map each value on its own: add (of two or more tensors), a standalone
 * batchnorm (per-channel {@code x·scale + shift}), and an activation, alone or as the suffix of
 * an op that is otherwise the identity (flatten, dropout, heads).
 */
final class ElementwiseEmitter implements LayerEmitter {

    @Override
    public List<PackedField> fields(LayerContext ctx) {
        Node n = ctx.node();
        if (!(n.op() instanceof Op.BatchNorm bn)) {
            return List.of();
        }
        CodeBlock affine = CodeBlock.of("$T.affine($L, $L, $L, $L, $L)", ConvEmitter.BATCH_NORMS,
                ctx.tensor(n.name(), "weight"), ctx.tensor(n.name(), "bias"), ctx.tensor(n.name(), "running_mean"),
                ctx.tensor(n.name(), "running_var"), Expr.doubleLiteral(bn.eps()));
        return List.of(new PackedField(ctx.field("affine"), ArrayTypeName.of(ArrayTypeName.of(TypeName.FLOAT)), affine,
                "per channel [scale, shift]"));
    }

    @Override
    public CodeBlock body(LayerContext ctx) {
        Node n = ctx.node();
        Shape out = ctx.step().outputShape();
        long size = out.elements();
        CodeBlock.Builder c = CodeBlock.builder();
        if (n.op() instanceof Op.Add) {
            StringBuilder sum = new StringBuilder();
            for (String in : ctx.inputs()) {
                sum.append(sum.length() == 0 ? "" : " + ").append(in).append("[j]");
            }
            c.beginControlFlow("for (int j = 0; j < $L; j++)", size);
            c.addStatement("out[j] = $L", sum);
            c.endControlFlow();
        } else if (n.op() instanceof Op.BatchNorm) {
            long channels = out.channels();
            c.addStatement("float[] s = $L[0]", ctx.field("affine"));
            c.addStatement("float[] h = $L[1]", ctx.field("affine"));
            c.beginControlFlow("for (int p = 0; p < $L; p++)", size / channels);
            c.addStatement("int o = $L", Expr.times("p", channels));
            c.beginControlFlow("for (int c = 0; c < $L; c++)", channels);
            c.addStatement("out[o + c] = $L[o + c] * s[c] + h[c]", ctx.in());
            c.endControlFlow();
            c.endControlFlow();
        } else {
            // the op itself is the identity: copy, then the activation below
            c.addStatement("System.arraycopy($L, 0, out, 0, $L)", ctx.in(), size);
            if (n.op() instanceof Op.Act a) {
                c.add(ActivationCode.onTensor(a.activation(), "out", out));
            }
        }
        c.add(ActivationCode.onTensor(ctx.step().activation(), "out", out));
        return c.build();
    }
}
