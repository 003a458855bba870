package cnn.compiler.codegen.training;

import cnn.compiler.graph.Op;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * The passes of a trainer: the public forward and backward passes over a batch, and the
 * parallel segments between batchnorm barriers that run the layers' per-sample methods.
 */
final class PassWriter {

    /** Shares of the parameters the sum of the chunks' gradients is split into. */
    static final int SUM_SHARES = 16;

    private final TrainerWriter w;

    PassWriter(TrainerWriter w) {
        this.w = w;
    }

    void write(TypeSpec.Builder cls) {
        core(cls);
        passes(cls);
    }

    private void core(TypeSpec.Builder cls) {
        cls.addMethod(MethodSpec.methodBuilder("forwardTraining").addModifiers(Modifier.PUBLIC)
                .addJavadoc("The training forward pass (batch statistics, new dropout masks) up to the trained output,\n"
                        + "keeping what the backward pass needs; moves the running statistics.\n")
                .addParameter(w.array(), "x").addParameter(TypeName.INT, "n")
                .addStatement("begin(x, n, true)")
                .addStatement("dropoutStep++")
                .addStatement("runForward()")
                .addStatement("trainedBatch = n").build());
        cls.addMethod(MethodSpec.methodBuilder("forwardInference").addModifiers(Modifier.PUBLIC)
                .addJavadoc("The inference forward pass (running statistics, no dropout) up to the trained output.\n")
                .addParameter(w.array(), "x").addParameter(TypeName.INT, "n")
                .addStatement("begin(x, n, false)")
                .addStatement("runForward()")
                .addStatement("trainedBatch = 0").build());
        cls.addMethod(MethodSpec.methodBuilder("trainedOutput").addModifiers(Modifier.PUBLIC).returns(w.array())
                .addJavadoc("The trained output of the last forward pass, $L per sample; the live array.\n",
                        w.plan.outputSize())
                .addStatement("return $L", w.trainedArray()).build());
        cls.addMethod(MethodSpec.methodBuilder("outputGradient").addModifiers(Modifier.PUBLIC).returns(w.array())
                .addJavadoc("Where the loss's gradient at the trained output goes before {@link #backward}; the live "
                        + "array.\n")
                .addStatement("return $L", w.trainedGradient()).build());
        if (w.options.inputGradient()) {
            cls.addMethod(MethodSpec.methodBuilder("inputGradient").addModifiers(Modifier.PUBLIC).returns(w.array())
                    .addJavadoc("The gradient at the network's input after {@link #backward}; the live array.\n")
                    .addStatement("return $L", w.names.grad(w.net.inputName())).build());
        }
        cls.addMethod(MethodSpec.methodBuilder("backward").addModifiers(Modifier.PUBLIC)
                .addJavadoc("The backward pass from {@link #outputGradient()} of the last training forward pass:\n"
                        + "the gradients of every trainable tensor replace {@link #gradients()}.\n")
                .addParameter(TypeName.INT, "n")
                .beginControlFlow("if (n != trainedBatch)")
                .addStatement("throw new $T($S + n + $S)", IllegalStateException.class, "backward(",
                        ") must follow forwardTraining of the same batch")
                .endControlFlow()
                .addStatement("runBackward()").build());
        cls.addMethod(MethodSpec.methodBuilder("begin").addModifiers(Modifier.PRIVATE)
                .addParameter(w.array(), "x").addParameter(TypeName.INT, "n").addParameter(TypeName.BOOLEAN, "training")
                .beginControlFlow("if (n < 1 || n > maxBatch)")
                .addStatement("throw new $T($S + n + $S + maxBatch)", IllegalArgumentException.class,
                        "a batch of ", " samples: this trainer takes 1 to ")
                .endControlFlow()
                .beginControlFlow("if (x.length < n * INPUT_SIZE)")
                .addStatement("throw new $T($S + x.length + $S + n + $S + (n * INPUT_SIZE))",
                        IllegalArgumentException.class, "the input has ", " values; ", " samples need ")
                .endControlFlow()
                .addStatement("this.n = n")
                .addStatement("this.activeChunks = Math.min(chunks, n)")
                .addStatement("this.training = training")
                .addStatement("System.arraycopy(x, 0, $L, 0, n * INPUT_SIZE)", w.names.act(w.net.inputName())).build());
        cls.addMethod(MethodSpec.methodBuilder("batchSize").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(TypeName.INT).addParameter(TypeName.INT, "maxBatch").addParameter(TypeName.INT, "size")
                .addStatement("long n = (long) maxBatch * size")
                .beginControlFlow("if (n > Integer.MAX_VALUE - 8)")
                .addStatement("throw new $T($S + maxBatch + $S)", IllegalArgumentException.class, "maxBatch ",
                        " is too large: a workspace buffer would exceed a Java array")
                .endControlFlow()
                .addStatement("return (int) n").build());
        MethodSpec.Builder flow = MethodSpec.methodBuilder("refreshFlow").addModifiers(Modifier.PRIVATE)
                .addJavadoc("Which gradients the backward pass computes: those with a trainable layer before them.\n")
                .addStatement("needGrad[0] = $L", w.options.inputGradient());
        for (StepContext c : w.steps) {
            List<String> terms = new ArrayList<>();
            c.step().layer().ifPresent(l -> terms.add("!frozen[" + l.index() + "]"));
            for (String in : c.step().inputs()) {
                String term = "needGrad[" + w.names.tensorIndex(in) + "]";
                if (!terms.contains(term)) {
                    terms.add(term);
                }
            }
            flow.addStatement("needGrad[$L] = $L", w.names.tensorIndex(c.step().output()), String.join(" || ", terms));
        }
        cls.addMethod(flow.build());
    }

    private void passes(TypeSpec.Builder cls) {
        MethodSpec.Builder fwd = MethodSpec.methodBuilder("runForward").addModifiers(Modifier.PRIVATE);
        int k = 0;
        for (Segment s : Segment.forward(w)) {
            if (s.perSample()) {
                k++;
                fwd.addStatement("parallel.forRange(activeChunks, forward$LTask)", k);
                cls.addMethod(segmentMethod("forward" + k, s, false));
            } else {
                s.calls().forEach(call -> fwd.addStatement(call));
            }
        }
        if (w.plan.severalOutputs()) {
            fwd.addComment("the trained outputs of each sample one after another, as the loss reads them");
            copyOutputs(fwd, true);
        }
        cls.addMethod(fwd.build());

        // every chunk clears its own gradients on its own thread, and the sum over chunks is split
        // into shares of the parameters: both are passes over every parameter
        MethodSpec.Builder bwd = MethodSpec.methodBuilder("runBackward").addModifiers(Modifier.PRIVATE)
                .addStatement("parallel.forRange(activeChunks, clearTask)");
        cls.addMethod(MethodSpec.methodBuilder("clearGradients").addModifiers(Modifier.PRIVATE)
                .addJavadoc("Chunks {@code [from, to)}: their weight gradients set to zero.\n")
                .addParameter(TypeName.INT, "from").addParameter(TypeName.INT, "to")
                .beginControlFlow("for (int k = from; k < to; k++)")
                .addStatement("$T.fill(gc[k], $L)", Types.ARRAYS, w.type.literal(0))
                .endControlFlow().build());
        cls.addMethod(MethodSpec.methodBuilder("sumGradients").addModifiers(Modifier.PRIVATE)
                .addJavadoc("Shares {@code [from, to)} of $L of the parameters: the chunks' weight gradients added "
                        + "into {@code g}\nin chunk order.\n", SUM_SHARES)
                .addParameter(TypeName.INT, "from").addParameter(TypeName.INT, "to")
                .addStatement("int first = (int) ((long) from * PARAMETER_SIZE / $L)", SUM_SHARES)
                .addStatement("int last = (int) ((long) to * PARAMETER_SIZE / $L)", SUM_SHARES)
                .beginControlFlow("for (int k = 1; k < activeChunks; k++)")
                .addStatement("$L[] part = gc[k]", w.type.keyword())
                .beginControlFlow("for (int i = first; i < last; i++)")
                .addStatement("g[i] += part[i]")
                .endControlFlow()
                .endControlFlow().build());
        if (w.plan.severalOutputs()) {
            bwd.addComment("the loss's gradient back to the outputs it came from");
            copyOutputs(bwd, false);
        }
        bwd.beginControlFlow("if (!($L))", w.plan.trainedOutputs().stream()
                        .map(o -> "needGrad[" + w.names.tensorIndex(o) + "]").collect(Collectors.joining(" || ")))
                .addStatement("return")
                .endControlFlow();
        KernelLayerWriter kernels = new KernelLayerWriter(w);
        if (!kernels.transposing().isEmpty()) {
            bwd.addStatement("parallel.forShares($L, transposeTask)", kernels.transposing().size());
            cls.addMethod(kernels.transposeMethod());
        }
        k = 0;
        for (Segment s : Segment.backward(w)) {
            if (s.perSample()) {
                k++;
                bwd.addStatement("parallel.forRange(activeChunks, backward$LTask)", k);
                cls.addMethod(segmentMethod("backward" + k, s, true));
            } else {
                s.calls().forEach(call -> bwd.addStatement(call));
            }
        }
        bwd.addComment("the chunks' weight gradients, summed in chunk order");
        bwd.beginControlFlow("if (activeChunks > 1)")
                .addStatement("parallel.forShares($L, sumTask)", SUM_SHARES)
                .endControlFlow();
        cls.addMethod(bwd.build());
    }

    /** Gathers the trained outputs into the loss's buffer, or scatters its gradient back. */
    private void copyOutputs(MethodSpec.Builder m, boolean gather) {
        m.beginControlFlow("for (int s = 0; s < n; s++)");
        int offset = 0;
        for (String o : w.plan.trainedOutputs()) {
            int size = w.plan.tensors().get(o);
            String own = (gather ? w.names.act(o) : w.names.grad(o)) + ", s * " + size;
            String all = (gather ? w.trainedArray() : w.trainedGradient()) + ", s * OUTPUT_SIZE + " + offset;
            m.addStatement("System.arraycopy($L, $L, $L)", gather ? own : all, gather ? all : own, size);
            offset += size;
        }
        m.endControlFlow();
    }

    private MethodSpec segmentMethod(String name, Segment s, boolean backward) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE)
                .addJavadoc("Chunks {@code [from, to)}: $L.\n", s.calls().stream()
                        .map(c -> c.substring(0, c.indexOf('('))).collect(Collectors.joining(", ")))
                .addParameter(TypeName.INT, "from").addParameter(TypeName.INT, "to")
                .beginControlFlow("for (int k = from; k < to; k++)");
        if (backward) {
            m.addStatement("$L[] gw = gc[k]", w.type.keyword());
        }
        // layer by layer over the chunk: a kernel layer takes the chunk's samples in one call
        m.addStatement("int first = k * n / activeChunks")
                .addStatement("int last = (k + 1) * n / activeChunks");
        for (String call : s.calls()) {
            if (call.contains("(s")) {
                m.beginControlFlow("for (int s = first; s < last; s++)").addStatement(call).endControlFlow();
            } else {
                m.addStatement(call);
            }
        }
        return m.endControlFlow().build();
    }

    /** A run of per-sample calls (one parallel pass) or a barrier's calls, in order. */
    record Segment(boolean perSample, List<String> calls) {

        static List<Segment> forward(TrainerWriter w) {
            List<Segment> out = new ArrayList<>();
            for (StepContext c : w.steps) {
                String id = w.names.id(c.node().name());
                if (c.node().op() instanceof Op.BatchNorm) {
                    add(out, false, "stats_" + id + "()");
                }
                add(out, true, "fwd_" + id + (KernelLayerWriter.applies(c) ? "(first, last)" : "(s)"));
            }
            return out;
        }

        static List<Segment> backward(TrainerWriter w) {
            List<Segment> out = new ArrayList<>();
            for (int i = w.steps.size() - 1; i >= 0; i--) {
                StepContext c = w.steps.get(i);
                String id = w.names.id(c.node().name());
                if (c.node().op() instanceof Op.BatchNorm) {
                    if (!c.step().activation().isLinear()) {
                        add(out, true, "bwdAct_" + id + "(s)");
                    }
                    add(out, false, "sums_" + id + "()");
                }
                add(out, true, "bwd_" + id + (KernelLayerWriter.applies(c) ? "(first, last, gw)" : "(s, gw)"));
            }
            return out;
        }

        private static void add(List<Segment> out, boolean perSample, String call) {
            if (!out.isEmpty() && out.get(out.size() - 1).perSample() == perSample) {
                out.get(out.size() - 1).calls().add(call);
            } else {
                List<String> calls = new ArrayList<>();
                calls.add(call);
                out.add(new Segment(perSample, calls));
            }
        }
    }
}
