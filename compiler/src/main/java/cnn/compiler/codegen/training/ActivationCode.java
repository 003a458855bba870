package cnn.compiler.codegen.training;

import cnn.compiler.codegen.Expr;
import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Shape;
import com.palantir.javapoet.CodeBlock;

/**
 * An activation over one sample's tensor, forward in place on {@code y}, and its derivative in
 * place on {@code dy}, read from the output {@code y} where that determines it (relu, relu6,
 * leaky with a positive slope, sigmoid, tanh, softmax) and from the saved input {@code z} where
 * it does not (swish, leaky with a slope ≤ 0). Softmax runs over the last axis: the channels
 * of each pixel, or the whole vector.
 */
final class ActivationCode {

    private ActivationCode() {
    }

    static CodeBlock forward(Activation a, ElementType t, String array, String base, Shape shape) {
        CodeBlock.Builder c = CodeBlock.builder();
        if (a.isLinear()) {
            return c.build();
        }
        if (a.kind() == Activation.Kind.SOFTMAX) {
            return rows(shape, base, (off, n) -> CodeBlock.of("softmax($L, $L, $L);\n", array, off, n));
        }
        String index = Expr.sum(base, "j");
        c.beginControlFlow("for (int j = 0; j < $L; j++)", shape.elements());
        c.addStatement("$L v = $L[$L]", t.keyword(), array, index);
        c.addStatement("$L[$L] = $L", array, index, function(a, t, "v"));
        c.endControlFlow();
        return c.build();
    }

    /**
     * Reads the output values from {@code y}, and where {@link #needsInput} says so the values
     * before the activation from {@code pre}.
     */
    static CodeBlock backward(Activation a, ElementType t, String base, Shape shape, String pre) {
        CodeBlock.Builder c = CodeBlock.builder();
        if (a.isLinear()) {
            return c.build();
        }
        if (a.kind() == Activation.Kind.SOFTMAX) {
            return rows(shape, base, (off, n) -> CodeBlock.of("softmaxBackward(y, dy, $L, $L);\n", off, n));
        }
        if (a.kind() == Activation.Kind.RELU && t == ElementType.FLOAT) {
            // whole vectors compared and blended: half the units of a layer are off, in no order a
            // branch predictor learns
            return CodeBlock.of("$T.get().reluBackward(y, dy, $L, $L);\n", KernelLayerWriter.KERNELS, base,
                    Expr.sum(base, Expr.literal(shape.elements())));
        }
        String j = Expr.sum(base, "j");
        c.beginControlFlow("for (int j = 0; j < $L; j++)", shape.elements());
        String zero = t.literal(0);
        switch (a.kind()) {
            case RELU -> c.addStatement("if (!(y[$L] > $L)) dy[$L] = $L", j, zero, j, zero);
            case RELU6 -> c.addStatement("if (!(y[$L] > $L && y[$L] < $L)) dy[$L] = $L", j, zero, j, t.literal(6), j,
                    zero);
            case LEAKY -> c.addStatement("if (!($L[$L] > $L)) dy[$L] *= $L", needsInput(a) ? pre : "y", j, zero, j,
                    t.literal(a.alpha()));
            case SIGMOID -> {
                c.addStatement("$L v = y[$L]", t.keyword(), j);
                c.addStatement("dy[$L] *= v * ($L - v)", j, t.literal(1));
            }
            case TANH -> {
                c.addStatement("$L v = y[$L]", t.keyword(), j);
                c.addStatement("dy[$L] *= $L - v * v", j, t.literal(1));
            }
            case SWISH -> {
                c.addStatement("double v = $L[$L]", pre, j);
                c.addStatement("double sg = 1.0 / (1.0 + Math.exp(-v))");
                c.addStatement("dy[$L] *= $L", j, t.fromDouble("sg * (1.0 + v * (1.0 - sg))"));
            }
            default -> throw new IllegalArgumentException("no derivative for " + a);
        }
        c.endControlFlow();
        return c.build();
    }

    /** The derivative needs the values before the activation. */
    static boolean needsInput(Activation a) {
        return a.kind() == Activation.Kind.SWISH || (a.kind() == Activation.Kind.LEAKY && !(a.alpha() > 0));
    }

    /** The function of one value held in {@code v}. */
    static String function(Activation a, ElementType t, String v) {
        String zero = t.literal(0);
        return switch (a.kind()) {
            case LINEAR -> v;
            case RELU -> "Math.max(" + v + ", " + zero + ")";
            case RELU6 -> "Math.min(Math.max(" + v + ", " + zero + "), " + t.literal(6) + ")";
            case LEAKY -> v + " > " + zero + " ? " + v + " : " + t.literal(a.alpha()) + " * " + v;
            case SIGMOID -> t.fromDouble("1.0 / (1.0 + Math.exp(-" + v + "))");
            case TANH -> t.fromDouble("Math.tanh(" + v + ")");
            case SWISH -> t.fromDouble(v + " / (1.0 + Math.exp(-" + v + "))");
            case SOFTMAX -> throw new IllegalArgumentException("softmax is not element-wise");
        };
    }

    private interface Row {
        CodeBlock call(String offset, long count);
    }

    /** One call per softmax row: per pixel of a feature map, or once over a vector. */
    private static CodeBlock rows(Shape shape, String base, Row row) {
        if (shape instanceof Shape.Grid g && g.h() * g.w() > 1) {
            return CodeBlock.builder()
                    .beginControlFlow("for (int q = 0; q < $L; q++)", g.h() * g.w())
                    .add(row.call(Expr.sum(base, Expr.times("q", g.c())), g.c()))
                    .endControlFlow()
                    .build();
        }
        return row.call(base, shape.elements());
    }
}
