package cnn.compiler.codegen.training;

import cnn.compiler.codegen.Expr;
import cnn.compiler.graph.Op;
import com.palantir.javapoet.CodeBlock;

/**
 * Layers whose op passes values on: flatten, heads and standalone activations (kept as steps
 * only when an activation applies), and dropout. In training, dropout keeps each value with
 * probability {@code 1 − rate} and scales it by {@code 1 / (1 − rate)}, as PyTorch; the mask is
 * a hash of the seed, the step count, the layer, the sample and the index, so it is the same
 * whatever the thread count, and the backward pass recomputes it rather than storing it.
 */
final class PassEmitter implements StepEmitter {

    @Override
    public CodeBlock forward(StepContext c) {
        CodeBlock.Builder b = CodeBlock.builder();
        if (c.node().op() instanceof Op.Dropout d) {
            b.beginControlFlow("if (training)");
            b.addStatement("long base = dropoutBase($LL, s)", salt(c));
            b.beginControlFlow("for (int j = 0; j < $L; j++)", c.outSize());
            b.addStatement("y[$L] = kept(base, j, $L) ? x[$L] * $L : $L", Expr.sum(c.outBase(), "j"), d.rate(),
                    Expr.sum(c.inBase(0), "j"), c.lit(1.0 / (1.0 - d.rate())), c.zero());
            b.endControlFlow();
            b.addStatement("return");
            b.endControlFlow();
        }
        b.addStatement("System.arraycopy(x, $L, y, $L, $L)", c.inBase(0), c.outBase(), c.outSize());
        return b.build();
    }

    @Override
    public CodeBlock backward(StepContext c) {
        CodeBlock.Builder b = CodeBlock.builder();
        if (!c.hasInputGradient(0)) {
            return b.build();
        }
        b.beginControlFlow("if ($L)", c.needsGradient(0));
        String in = Expr.sum(c.inBase(0), "j");
        String out = "dy[" + Expr.sum(c.outBase(), "j") + "]";
        if (c.node().op() instanceof Op.Dropout d) {
            b.addStatement("long base = dropoutBase($LL, s)", salt(c));
            b.beginControlFlow("for (int j = 0; j < $L; j++)", c.outSize());
            b.addStatement(StepEmitter.write(c, 0, in, "kept(base, j, " + d.rate() + ") ? " + out + " * "
                    + c.lit(1.0 / (1.0 - d.rate())) + " : " + c.zero()));
        } else {
            b.beginControlFlow("for (int j = 0; j < $L; j++)", c.outSize());
            b.addStatement(StepEmitter.write(c, 0, in, out));
        }
        b.endControlFlow();
        return b.endControlFlow().build();
    }

    /** A per-layer constant mixed into the mask hash, fixed by the layer's name. */
    private static long salt(StepContext c) {
        long h = 1125899906842597L;
        for (char ch : c.node().name().toCharArray()) {
            h = 31 * h + ch;
        }
        return h;
    }
}
