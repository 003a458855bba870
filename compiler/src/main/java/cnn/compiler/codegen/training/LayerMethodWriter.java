package cnn.compiler.codegen.training;

import cnn.compiler.graph.Op;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import javax.lang.model.element.Modifier;

/**
 * Each layer's methods in a trainer: {@code fwd_<id>(s)} and {@code bwd_<id>(s, gw)} per sample,
 * and for batchnorm its barriers {@code stats_<id>()} and {@code sums_<id>()}.
 */
final class LayerMethodWriter {

    private static final StepEmitter LINEAR = new LinearEmitter();
    private static final StepEmitter POOL = new PoolTrainEmitter();
    private static final NormEmitter NORM = new NormEmitter();
    private static final StepEmitter LAYOUT = new LayoutTrainEmitter();
    private static final StepEmitter PASS = new PassEmitter();

    private final TrainerWriter w;

    LayerMethodWriter(TrainerWriter w) {
        this.w = w;
    }

    void write(TypeSpec.Builder cls, StepContext c) {
        String id = w.names.id(c.node().name());
        if (KernelLayerWriter.applies(c)) {
            KernelLayerWriter k = new KernelLayerWriter(w);
            cls.addMethod(k.forward(c, MethodSpec.methodBuilder("fwd_" + id).addModifiers(Modifier.PRIVATE)
                    .addJavadoc(LayerDoc.of(c, w.plan)).addJavadoc("<p>Samples {@code [from, to)}, on the kernels.\n")
                    .addParameter(TypeName.INT, "from").addParameter(TypeName.INT, "to")));
            cls.addMethod(k.backward(c, MethodSpec.methodBuilder("bwd_" + id).addModifiers(Modifier.PRIVATE)
                    .addJavadoc("$L backward, samples {@code [from, to)}: from its output gradient to its weight "
                            + "gradients (into gw) and its input gradient.\n", c.node().name())
                    .addParameter(TypeName.INT, "from").addParameter(TypeName.INT, "to")
                    .addParameter(w.array(), "gw")));
            return;
        }
        StepEmitter e = emitter(c.node().op());
        String t = w.type.keyword();
        MethodSpec.Builder fwd = MethodSpec.methodBuilder("fwd_" + id).addModifiers(Modifier.PRIVATE)
                .addJavadoc(LayerDoc.of(c, w.plan)).addParameter(TypeName.INT, "s");
        inputs(fwd, c, false);
        fwd.addStatement("final $L[] y = $L", t, w.names.act(c.step().output()));
        if (c.step().savesPreActivation()) {
            fwd.addStatement("final $L[] z = $L", t, w.names.pre(c.step().output()));
        }
        if (c.step().layer().isPresent()) {
            fwd.addStatement("final $L[] p = this.p", t);
        }
        fwd.addCode(e.forward(c));
        if (c.step().savesPreActivation()) {
            fwd.addStatement("System.arraycopy(y, $L, z, $L, $L)", c.outBase(), c.outBase(), c.outSize());
        }
        fwd.addCode(ActivationCode.forward(c.step().activation(), w.type, "y", c.outBase(), c.step().outputShape()));
        cls.addMethod(fwd.build());

        boolean norm = c.node().op() instanceof Op.BatchNorm;
        if (norm) {
            cls.addMethod(MethodSpec.methodBuilder("stats_" + id).addModifiers(Modifier.PRIVATE)
                    .addJavadoc("$L: the statistics the forward pass normalises with.\n", c.node().name())
                    .addCode(NORM.statistics(c)).build());
            cls.addMethod(MethodSpec.methodBuilder("sums_" + id).addModifiers(Modifier.PRIVATE)
                    .addJavadoc("$L: the batch sums of the backward pass, and the scale and shift gradients.\n",
                            c.node().name())
                    .beginControlFlow("if (!needGrad[$L])", w.names.tensorIndex(c.step().output()))
                    .addStatement("return")
                    .endControlFlow()
                    .addCode(NORM.sums(c)).build());
            if (!c.step().activation().isLinear()) {
                MethodSpec.Builder act = MethodSpec.methodBuilder("bwdAct_" + id).addModifiers(Modifier.PRIVATE)
                        .addJavadoc("$L: the derivative of its $L, before the batch sums.\n", c.node().name(),
                                c.step().activation())
                        .addParameter(TypeName.INT, "s");
                activationBackward(act, c);
                cls.addMethod(act.build());
            }
        }
        MethodSpec.Builder bwd = MethodSpec.methodBuilder("bwd_" + id).addModifiers(Modifier.PRIVATE)
                .addJavadoc("$L backward: from its output gradient to $L.\n", c.node().name(),
                        c.step().layer().isPresent() ? "its weight gradients (into gw) and its input gradient"
                                : "its input gradient")
                .addParameter(TypeName.INT, "s").addParameter(w.array(), "gw");
        if (norm) {
            bwd.beginControlFlow("if (!needGrad[$L])", w.names.tensorIndex(c.step().output()))
                    .addStatement("return").endControlFlow();
            locals(bwd, c);
        } else {
            activationBackward(bwd, c);
        }
        bwd.addCode(e.backward(c));
        cls.addMethod(bwd.build());
    }

    private void activationBackward(MethodSpec.Builder m, StepContext c) {
        m.beginControlFlow("if (!needGrad[$L])", w.names.tensorIndex(c.step().output())).addStatement("return")
                .endControlFlow();
        locals(m, c);
        // a standalone activation's input is the value before it; other layers keep it in z
        String pre = c.node().op() instanceof Op.Act ? c.x(0) : "z";
        m.addCode(ActivationCode.backward(c.step().activation(), w.type, c.outBase(), c.step().outputShape(), pre));
    }

    private void locals(MethodSpec.Builder m, StepContext c) {
        String t = w.type.keyword();
        inputs(m, c, true);
        m.addStatement("final $L[] y = $L", t, w.names.act(c.step().output()));
        m.addStatement("final $L[] dy = $L", t, w.names.grad(c.step().output()));
        if (c.step().savesPreActivation()) {
            m.addStatement("final $L[] z = $L", t, w.names.pre(c.step().output()));
        }
        if (c.step().layer().isPresent()) {
            m.addStatement("final $L[] p = this.p", t);
        }
    }

    private void inputs(MethodSpec.Builder m, StepContext c, boolean gradients) {
        String t = w.type.keyword();
        for (int k = 0; k < c.inputs(); k++) {
            m.addStatement("final $L[] $L = $L", t, c.x(k), w.names.act(c.input(k)));
            if (gradients && c.hasInputGradient(k)) {
                m.addStatement("final $L[] $L = $L", t, c.dx(k), w.names.grad(c.input(k)));
            }
        }
    }


    static StepEmitter emitter(Op op) {
        if (op instanceof Op.Conv || op instanceof Op.DepthwiseConv || op instanceof Op.Dense) {
            return LINEAR;
        } else if (op instanceof Op.Pool || op instanceof Op.GlobalPool) {
            return POOL;
        } else if (op instanceof Op.BatchNorm) {
            return NORM;
        } else if (op instanceof Op.Upsample || op instanceof Op.ZeroPad || op instanceof Op.Concat
                || op instanceof Op.Add) {
            return LAYOUT;
        } else if (op instanceof Op.Flatten || op instanceof Op.Localize || op instanceof Op.Landmarks
                || op instanceof Op.Yolo || op instanceof Op.Act || op instanceof Op.Dropout) {
            return PASS;
        }
        throw new IllegalArgumentException("layer " + op.opName() + " cannot be trained");
    }
}
