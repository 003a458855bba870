package cnn.compiler.codegen.training;

import cnn.compiler.codegen.Expr;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;

/**
 * Writes one family of layers for training: the per-sample forward body (the op only; the
 * writer applies the activation after it) and the per-sample backward body, which starts from
 * {@code dy}, the gradient at the op's output (the activation's derivative already applied),
 * adds weight gradients into {@code gw} when the layer trains, and writes each input's gradient
 * when it is wanted: assigning if {@link StepContext#assigns} says this step writes it first,
 * adding otherwise.
 */
interface StepEmitter {

    ClassName ARRAYS = ClassName.get("java.util", "Arrays");

    CodeBlock forward(StepContext c);

    CodeBlock backward(StepContext c);

    /** {@code dx[index] = value} or {@code dx[index] += value}. */
    static String write(StepContext c, int k, String index, String value) {
        return c.dx(k) + "[" + index + "] " + (c.assigns(k) ? "=" : "+=") + " " + value;
    }

    /** Clears the sample's slice of input {@code k}'s gradient when this step writes it first by scattering. */
    static void clearIfFirst(CodeBlock.Builder b, StepContext c, int k) {
        if (c.assigns(k)) {
            b.addStatement("$T.fill($L, $L, $L, $L)", ARRAYS, c.dx(k), c.inBase(k),
                    Expr.sum(c.inBase(k), Expr.literal(c.inSize(k))), c.zero());
        }
    }
}
