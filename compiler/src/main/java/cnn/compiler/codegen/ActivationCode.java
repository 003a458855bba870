package cnn.compiler.codegen;

import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Shape;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;

/**
 * The code that applies an activation in place. Element-wise functions become a loop with the
 * function inlined (or a call to {@code cnn.runtime.kernels.Activations}); softmax runs over
 * the last axis: the whole vector, or the channels of each pixel.
 */
final class ActivationCode {

    static final ClassName ACTIVATIONS = ClassName.get("cnn.runtime.kernels", "Activations");

    private ActivationCode() {
    }

    /** Applies {@code a} to {@code array[base .. base+count)}, where that range is the channels of one pixel or a whole vector. */
    static CodeBlock onRange(Activation a, String array, String base, long count) {
        CodeBlock.Builder c = CodeBlock.builder();
        if (a.isLinear()) {
            return c.build();
        }
        if (a.kind() == Activation.Kind.SOFTMAX) {
            return c.addStatement("$T.softmax($L, $L, $L)", ACTIVATIONS, array, base, count).build();
        }
        String index = Expr.sum(base, "j");
        c.beginControlFlow("for (int j = 0; j < $L; j++)", count);
        c.addStatement("float v = $L[$L]", array, index);
        c.addStatement("$L[$L] = $L", array, index, expression(a, "v"));
        c.endControlFlow();
        return c.build();
    }

    /** Applies {@code a} to a whole tensor of shape {@code shape} held at the start of {@code array}. */
    static CodeBlock onTensor(Activation a, String array, Shape shape) {
        if (a.kind() == Activation.Kind.SOFTMAX && shape instanceof Shape.Grid g && g.h() * g.w() > 1) {
            return CodeBlock.builder()
                    .beginControlFlow("for (int p = 0; p < $L; p++)", g.h() * g.w())
                    .add(onRange(a, array, Expr.times("p", g.c()), g.c()))
                    .endControlFlow()
                    .build();
        }
        return onRange(a, array, "0", shape.elements());
    }

    /** The function of one value held in the float variable {@code v}. */
    static CodeBlock expression(Activation a, String v) {
        return switch (a.kind()) {
            case LINEAR -> CodeBlock.of("$L", v);
            case RELU -> CodeBlock.of("Math.max($L, 0f)", v);
            case RELU6 -> CodeBlock.of("Math.min(Math.max($L, 0f), 6f)", v);
            case LEAKY -> CodeBlock.of("$L > 0f ? $L : $L * $L", v, v, Expr.floatLiteral(a.alpha()), v);
            case SIGMOID -> CodeBlock.of("$T.sigmoid($L)", ACTIVATIONS, v);
            case TANH -> CodeBlock.of("$T.tanh($L)", ACTIVATIONS, v);
            case SWISH -> CodeBlock.of("$T.swish($L)", ACTIVATIONS, v);
            case SOFTMAX -> throw new IllegalArgumentException("softmax is not element-wise");
        };
    }
}
