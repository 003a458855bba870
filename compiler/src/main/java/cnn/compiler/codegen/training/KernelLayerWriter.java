package cnn.compiler.codegen.training;

import cnn.compiler.codegen.ConvGeometry;
import cnn.compiler.graph.Op;
import cnn.compiler.lower.training.ParamTensor;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * Convolutions with one group and dense layers (1x1 on a 1x1 map) of a float trainer, on the
 * runtime kernels ({@code cnn.runtime.kernels.Kernels}): each call takes a chunk of samples, so
 * the forward pass shares its weights among 4 samples' pixels at a time, and the weight gradient
 * is one matrix product over every pixel of the chunk, held in registers, rather than a pass over
 * the whole gradient array per sample. The input gradient scatters {@code dy · Wᵀ} (the weights
 * transposed per window position once per backward pass, {@code wt_<id>}) into the padded buffer
 * the forward pass read ({@code xp_<id>}, free again once the weight gradient is taken), which is
 * then cropped into the input's gradient.
 *
 * <p>The double trainer keeps the generated loops of {@link LinearEmitter}: the finite-difference
 * tests check those, and a test compares this float path against them.
 */
final class KernelLayerWriter {

    static final ClassName KERNELS = ClassName.get("cnn.runtime.kernels", "Kernels");
    static final ClassName CONV_SHAPE = ClassName.get("cnn.runtime.kernels", "ConvShape");
    static final ClassName ACTIVATIONS = ClassName.get("cnn.runtime.kernels", "Activations");
    /** The generated constant that holds {@code Kernels.get()}. */
    static final String FIELD = "KERNELS";

    private final TrainerWriter w;

    KernelLayerWriter(TrainerWriter w) {
        this.w = w;
    }

    /** This step runs on the kernels: a float trainer's dense layer or convolution with one group. */
    static boolean applies(StepContext c) {
        if (c.type() != ElementType.FLOAT) {
            return false;
        }
        Op op = c.node().op();
        return op instanceof Op.Dense || op instanceof Op.Conv && Geometry.of(c.node()).groups() == 1;
    }

    static String shape(StepContext c) {
        return "SHAPE_" + c.names().id(c.node().name());
    }

    static String paddedBuffer(StepContext c) {
        return "xp_" + c.names().id(c.node().name());
    }

    static String transposed(StepContext c) {
        return "wt_" + c.names().id(c.node().name());
    }

    /** Rows and columns the kernels read, as {@code ConvShape} computes them. */
    private static long paddedRows(ConvGeometry g) {
        return Math.max((long) g.padTop() + g.h(), (long) (g.oh() - 1) * g.sh() + (long) (g.kh() - 1) * g.dh() + 1);
    }

    private static long paddedCols(ConvGeometry g) {
        return Math.max((long) g.padLeft() + g.w(), (long) (g.ow() - 1) * g.sw() + (long) (g.kw() - 1) * g.dw() + 1);
    }

    static boolean padded(ConvGeometry g) {
        return paddedRows(g) != g.h() || paddedCols(g) != g.w();
    }

    /** Floats between samples in what the kernels read: the padded copy, or the input itself. */
    static int sampleStride(ConvGeometry g) {
        return Math.toIntExact(paddedRows(g) * paddedCols(g) * g.cin());
    }

    /** The kernels constant, and per layer its shape, padded inputs and transposed weights. */
    void fields(TypeSpec.Builder cls) {
        boolean any = false;
        for (StepContext c : w.steps) {
            if (!applies(c)) {
                continue;
            }
            if (!any) {
                cls.addField(FieldSpec.builder(KERNELS, FIELD, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("The kernels this JVM runs (Vector API or plain Java, the same values).")
                        .initializer("$T.get()", KERNELS).build());
                any = true;
            }
            ConvGeometry g = Geometry.of(c.node());
            cls.addField(FieldSpec.builder(CONV_SHAPE, shape(c), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("$L's sizes for the kernels; the trainer applies the activation itself.",
                            c.node().name())
                    .initializer("new $T($L, $L, $L, $L, $L, $L, $L, $L, $L, $L, $L, $L, $L, $L, $T.LINEAR, 0f)",
                            CONV_SHAPE, g.h(), g.w(), g.cin(), g.oh(), g.ow(), g.cout(), g.kh(), g.kw(), g.sh(),
                            g.sw(), g.dh(), g.dw(), g.padTop(), g.padLeft(), ACTIVATIONS)
                    .build());
            if (padded(g)) {
                cls.addField(FieldSpec.builder(w.array(), paddedBuffer(c), Modifier.PRIVATE, Modifier.FINAL)
                        .addJavadoc("$L: its inputs zero-padded, per sample; in the backward pass, after the weight "
                                + "gradient, the input gradient in that layout.", c.node().name()).build());
            }
            if (c.hasInputGradient(0)) {
                cls.addField(FieldSpec.builder(w.array(), transposed(c), Modifier.PRIVATE, Modifier.FINAL)
                        .addJavadoc("$L: its weights [kh][kw][out][in], made at each backward pass.", c.node().name())
                        .build());
            }
        }
    }

    void allocate(MethodSpec.Builder m) {
        for (StepContext c : w.steps) {
            if (!applies(c)) {
                continue;
            }
            ConvGeometry g = Geometry.of(c.node());
            if (padded(g)) {
                m.addStatement("this.$L = new float[batchSize(maxBatch, $L)]", paddedBuffer(c), sampleStride(g));
            }
            if (c.hasInputGradient(0)) {
                m.addStatement("this.$L = new float[$L]", transposed(c), c.param("weight").orElseThrow().length());
            }
        }
    }

    /** The kernel layers whose input gradient the backward pass may need: each needs its {@code wᵀ}. */
    java.util.List<StepContext> transposing() {
        return w.steps.stream().filter(c -> applies(c) && c.hasInputGradient(0)).toList();
    }

    /**
     * {@code transposeWeights(from, to)}: layers {@code [from, to)} of {@link #transposing()} make their
     * {@code wᵀ} if the pass needs their input gradient; the backward pass hands the layers out to the
     * threads one at a time, since the weights change at every step.
     */
    MethodSpec transposeMethod() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("transposeWeights").addModifiers(Modifier.PRIVATE)
                .addJavadoc("Layers {@code [from, to)} of those on the kernels with an input gradient: their weights "
                        + "transposed\nper window position for the input-gradient kernel, if that gradient is wanted.\n")
                .addParameter(TypeName.INT, "from").addParameter(TypeName.INT, "to")
                .beginControlFlow("for (int k = from; k < to; k++)")
                .beginControlFlow("switch (k)");
        int k = 0;
        for (StepContext c : transposing()) {
            m.addCode("case $L:\n", k++).addCode("$>")
                    .beginControlFlow("if ($L)", c.needsGradient(0))
                    .addStatement("$L.transposeWeights(p, $L, $L)", shape(c), c.param("weight").orElseThrow().offset(),
                            transposed(c))
                    .endControlFlow()
                    .addStatement("break").addCode("$<");
        }
        m.addCode("default:\n").addCode("$>").addStatement("break").addCode("$<");
        return m.endControlFlow().endControlFlow().build();
    }

    /** {@code fwd_<id>(from, to)}: the samples' outputs, the values before the activation, the activation. */
    MethodSpec forward(StepContext c, MethodSpec.Builder fwd) {
        ConvGeometry g = Geometry.of(c.node());
        int pixels = g.oh() * g.ow();
        String id = w.names.id(c.node().name());
        fwd.addStatement("final float[] x = $L", w.names.act(c.input(0)));
        fwd.addStatement("final float[] y = $L", w.names.act(c.step().output()));
        fwd.addStatement("final float[] p = this.p");
        String source = "x";
        if (padded(g)) {
            fwd.addStatement("final float[] xp = $L", paddedBuffer(c));
            fwd.beginControlFlow("for (int s = from; s < to; s++)")
                    .addStatement("$L.pad(x, s * $L, xp, s * $L)", shape(c), c.inSize(0), sampleStride(g))
                    .endControlFlow();
            source = "xp";
        }
        Optional<ParamTensor> bias = c.param("bias");
        fwd.addStatement("$L.convForward($L, 0, $L, p, $L, $L, $L, y, 0, from * $L, to * $L)", FIELD, source, shape(c),
                c.param("weight").orElseThrow().offset(), bias.isPresent() ? "p" : "null",
                bias.map(ParamTensor::offset).orElse(0), pixels, pixels);
        if (c.step().savesPreActivation()) {
            fwd.addStatement("System.arraycopy(y, from * $L, $L, from * $L, (to - from) * $L)", c.outSize(),
                    w.names.pre(c.step().output()), c.outSize(), c.outSize());
        }
        if (!c.step().activation().isLinear()) {
            fwd.beginControlFlow("for (int s = from; s < to; s++)")
                    .addCode(ActivationCode.forward(c.step().activation(), w.type, "y", c.outBase(),
                            c.step().outputShape()))
                    .endControlFlow();
        }
        return fwd.build();
    }

    /**
     * {@code bwd_<id>(from, to, gw)}: the activation's derivative per sample, the weight (and bias)
     * gradients of the chunk into {@code gw}, and the input gradient.
     */
    MethodSpec backward(StepContext c, MethodSpec.Builder bwd) {
        ConvGeometry g = Geometry.of(c.node());
        int pixels = g.oh() * g.ow();
        bwd.beginControlFlow("if (!needGrad[$L])", w.names.tensorIndex(c.step().output())).addStatement("return")
                .endControlFlow();
        bwd.addStatement("final float[] x = $L", w.names.act(c.input(0)));
        bwd.addStatement("final float[] y = $L", w.names.act(c.step().output()));
        bwd.addStatement("final float[] dy = $L", w.names.grad(c.step().output()));
        if (c.step().savesPreActivation()) {
            bwd.addStatement("final float[] z = $L", w.names.pre(c.step().output()));
        }
        if (!c.step().activation().isLinear()) {
            bwd.beginControlFlow("for (int s = from; s < to; s++)")
                    .addCode(ActivationCode.backward(c.step().activation(), w.type, c.outBase(), c.step().outputShape(),
                            "z"))
                    .endControlFlow();
        }
        String source = padded(g) ? paddedBuffer(c) : "x";
        Optional<ParamTensor> bias = c.param("bias");
        bwd.beginControlFlow("if ($L)", c.trains())
                .addStatement("$L.convWeightGradient($L, 0, $L, dy, 0, gw, $L, $L, from * $L, to * $L)", FIELD, source,
                        shape(c), c.param("weight").orElseThrow().offset(), bias.map(ParamTensor::offset).orElse(-1),
                        pixels, pixels)
                .endControlFlow();
        if (!c.hasInputGradient(0)) {
            return bwd.build();
        }
        bwd.beginControlFlow("if ($L)", c.needsGradient(0));
        bwd.addStatement("final float[] dx = $L", w.names.grad(c.input(0)));
        if (padded(g)) {
            int stride = sampleStride(g);
            bwd.addComment("the padded inputs are no longer needed: the gradient in their layout, then its inside");
            bwd.addStatement("final float[] gp = $L", paddedBuffer(c));
            bwd.addStatement("$T.fill(gp, from * $L, to * $L, 0f)", Types.ARRAYS, stride, stride);
            bwd.addStatement("$L.convInputGradient(dy, 0, $L, $L, 0, gp, 0, from * $L, to * $L)", FIELD, shape(c),
                    transposed(c), pixels, pixels);
            bwd.beginControlFlow("for (int s = from; s < to; s++)")
                    .addStatement("$L.crop(gp, s * $L, dx, s * $L, $L)", shape(c), stride, c.inSize(0), c.assigns(0))
                    .endControlFlow();
        } else {
            if (c.assigns(0)) {
                bwd.addStatement("$T.fill(dx, from * $L, to * $L, 0f)", Types.ARRAYS, c.inSize(0), c.inSize(0));
            }
            bwd.addStatement("$L.convInputGradient(dy, 0, $L, $L, 0, dx, 0, from * $L, to * $L)", FIELD, shape(c),
                    transposed(c), pixels, pixels);
        }
        bwd.endControlFlow();
        return bwd.build();
    }
}
