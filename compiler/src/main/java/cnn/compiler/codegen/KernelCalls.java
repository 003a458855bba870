package cnn.compiler.codegen;

import cnn.compiler.graph.Activation;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;

/**
 * Calls into {@code cnn.runtime.kernels.Kernels}, the register-blocked inner loops shared by every
 * model (Vector API or plain Java, chosen when the JVM starts). Generated code passes them the
 * layer's sizes as literals, through a {@code ConvShape} made once in the constructor, and the
 * share of the outputs to compute.
 */
final class KernelCalls {

    static final ClassName KERNELS = ClassName.get("cnn.runtime.kernels", "Kernels");
    static final ClassName CONV_SHAPE = ClassName.get("cnn.runtime.kernels", "ConvShape");
    /** The generated class's constant that holds {@code Kernels.get()}. */
    static final String FIELD = "KERNELS";

    private KernelCalls() {
    }

    /** {@code Activations.RELU, 0f}: the activation code and slope a kernel takes. */
    static CodeBlock activation(Activation a) {
        return CodeBlock.of("$T.$L, $L", ActivationCode.ACTIVATIONS, a.kind().name(), Expr.floatLiteral(a.alpha()));
    }

    /** {@code new ConvShape(h, w, cin, oh, ow, cout, kh, kw, sh, sw, dh, dw, top, left, act, alpha)}. */
    static CodeBlock convShape(ConvGeometry g, Activation a) {
        return CodeBlock.of("new $T($L, $L, $L, $L, $L, $L, $L, $L, $L, $L, $L, $L, $L, $L, $L)", CONV_SHAPE,
                g.h(), g.w(), g.cin(), g.oh(), g.ow(), g.cout(), g.kh(), g.kw(), g.sh(), g.sw(), g.dh(), g.dw(),
                g.padTop(), g.padLeft(), activation(a));
    }

    /** Floats of the padded copy a kernel reads, or 0 when it reads the input itself. */
    static int paddedFloats(ConvGeometry g) {
        long hp = Math.max((long) g.padTop() + g.h(), (long) (g.oh() - 1) * g.sh() + (long) (g.kh() - 1) * g.dh() + 1);
        long wp = Math.max((long) g.padLeft() + g.w(), (long) (g.ow() - 1) * g.sw() + (long) (g.kw() - 1) * g.dw() + 1);
        if (hp == g.h() && wp == g.w()) {
            return 0;
        }
        return Math.toIntExact(hp * wp * g.cin());
    }

    /**
     * The first output (pixel or unit) of this call's share: all of {@code [0, n)} for a layer
     * that runs whole, else the contiguous share {@code part} of {@code parts}.
     */
    static String from(LayerContext ctx, long n) {
        return ctx.splitRows() ? "(int) ((long) part * " + n + " / parts)" : "0";
    }

    static String to(LayerContext ctx, long n) {
        return ctx.splitRows() ? "(int) ((long) (part + 1) * " + n + " / parts)" : Long.toString(n);
    }
}
