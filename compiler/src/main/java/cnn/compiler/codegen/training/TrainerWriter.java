package cnn.compiler.codegen.training;

import cnn.compiler.codegen.Expr;
import cnn.compiler.codegen.GeneratedFile;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.Op;
import cnn.compiler.lower.training.ParamTensor;
import cnn.compiler.lower.training.TrainLayer;
import cnn.compiler.lower.training.TrainStep;
import cnn.compiler.lower.training.TrainingPlan;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;

/**
 * Writes the training class {@code p.MTrainer} for one training plan: the workspace (every kept
 * tensor and its gradient for the largest batch, allocated once), a forward method and a
 * backward method per layer with every size a literal, the passes that run them over the batch
 * in parallel chunks, and, for float trainers, the {@code TrainableModel} API with the loss and
 * the optimizer ({@link TrainerApi}).
 *
 * <p>A batch is split into one contiguous chunk of samples per thread; each chunk adds its
 * weight gradients into its own array, and the arrays are summed in chunk order at the end, so
 * the result depends on the thread count only through that order. Batchnorm statistics are
 * summed sequentially over the whole batch at barriers between the parallel passes.
 */
final class TrainerWriter {

    final TrainingPlan plan;
    final Network net;
    final TrainerOptions options;
    final ElementType type;
    final ClassName self;
    final ClassName model;
    final Names names;
    final List<StepContext> steps = new ArrayList<>();
    private final Map<String, ParamTensor> paramByName = new HashMap<>();

    TrainerWriter(TrainingPlan plan, String packageName, TrainerOptions options) {
        this.plan = plan;
        this.net = plan.network();
        this.options = options;
        this.type = options.type();
        String name = net.name() + options.suffix();
        if (!SourceVersion.isName(net.name()) || !SourceVersion.isName(name) || net.name().contains(".")) {
            throw new IllegalArgumentException("model " + net.name() + ": its name cannot be a Java class name"
                    + " (a Java keyword); rename the model");
        }
        this.self = ClassName.get(packageName, name);
        this.model = ClassName.get(packageName, net.name());
        this.names = new Names(plan);
        for (TrainStep s : plan.steps()) {
            steps.add(new StepContext(s, plan, names, type, this::hasGradient));
        }
        for (ParamTensor p : plan.params()) {
            paramByName.put(p.name(), p);
        }
    }

    /** Every tensor but the network's input has a gradient buffer; the input too when asked for. */
    boolean hasGradient(String tensor) {
        return !tensor.equals(net.inputName()) || options.inputGradient() || plan.trainedOutputs().contains(tensor);
    }

    /**
     * The array the loss reads: the trained tensor's activations, or with several trained
     * outputs the buffer that gathers them per sample after each forward pass.
     */
    String trainedArray() {
        return plan.severalOutputs() ? "trainedOutputs" : names.act(plan.trained());
    }

    /** Where the loss writes its gradient: the trained tensor's, or the buffer scattered to the outputs. */
    String trainedGradient() {
        return plan.severalOutputs() ? "trainedGradients" : names.grad(plan.trained());
    }

    boolean isFloat() {
        return type == ElementType.FLOAT;
    }

    TypeName array() {
        return type.array();
    }

    GeneratedFile write() {
        TypeSpec.Builder cls = TypeSpec.classBuilder(self).addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc(classDoc());
        if (isFloat()) {
            cls.addSuperinterface(Types.TRAINABLE_MODEL).addSuperinterface(Types.STEP_OUTPUTS);
        }
        options.implement().ifPresent(cls::addSuperinterface);
        constants(cls);
        fields(cls);
        constructors(cls);
        if (isFloat()) {
            new TrainerApi(this).write(cls);
        } else {
            new WeightsApi(this).write(cls);
        }
        new PassWriter(this).write(cls);
        LayerMethodWriter layers = new LayerMethodWriter(this);
        for (StepContext c : steps) {
            layers.write(cls, c);
        }
        TrainerHelpers.write(this, cls);
        cls.addType(factory());
        JavaFile file = JavaFile.builder(self.packageName(), cls.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .addFileComment("Generated by cnnc from model $L. Do not edit: change the .cnn file and generate again.",
                        net.name())
                .build();
        return new GeneratedFile(self.canonicalName(), file.toString());
    }

    private String classDoc() {
        long floats = 0;
        for (Map.Entry<String, Integer> e : plan.tensors().entrySet()) {
            floats += (long) e.getValue() * (hasGradient(e.getKey()) ? 2 : 1);
        }
        for (StepContext c : steps) {
            floats += c.step().savesPreActivation() ? c.outSize() : 0;
        }
        StringBuilder b = new StringBuilder();
        b.append("Training for model {@code ").append(net.name()).append("}, specialised to its sizes")
                .append(isFloat() ? "" : ", in double precision").append(".\n\n");
        b.append("<p>Loss: ").append(plan.loss().sourceName()).append(" on ").append(plan.trainedOutputs().stream()
                .map(t -> t + " (" + net.shapeOf(t) + ")").collect(Collectors.joining(" and ")));
        if (plan.severalOutputs()) {
            b.append(", gathered per sample one after another");
        }
        if (!plan.fused().isLinear()) {
            b.append(", the values before the final ").append(plan.fused())
                    .append(", which the loss fuses and inference applies");
        }
        b.append(". ").append(Expr.count(plan.parameterCount())).append(" parameters in one flat array, weights in the\n")
                .append("order the kernels read them ([kh][kw][in/groups][out]); {@code tensors()} gives the file layout.\n\n");
        b.append("<p>The workspace keeps every tensor the backward pass reads, and its gradient, for up to\n")
                .append("{@code maxBatch} samples: ").append(Expr.count(floats)).append(" values per sample, allocated once. ")
                .append("A batch is split\ninto one contiguous chunk of samples per thread; chunks add their weight ")
                .append("gradients into their own\narrays, summed in chunk order, so the same seed and thread count give ")
                .append("the same weights bit for bit.\nNot thread-safe: one caller at a time.\n");
        return b.toString();
    }

    private TypeSpec factory() {
        TypeSpec.Builder f = TypeSpec.classBuilder("Factory").addModifiers(Modifier.PUBLIC, Modifier.STATIC,
                        Modifier.FINAL)
                .addJavadoc("Makes trainers for tools that load this class by name.");
        if (isFloat()) {
            f.addSuperinterface(Types.TRAINABLE_MODEL.nestedClass("Factory"));
            f.addMethod(method("info", Types.MODEL_INFO, true).addStatement("return $T.INFO", model).build());
        }
        options.factory().ifPresent(f::addSuperinterface);
        if (isFloat() || options.factory().isPresent()) {
            f.addMethod(method("create", self, true)
                    .addParameter(Types.TENSOR_MAP, "tensors").addParameter(TypeName.INT, "maxBatch")
                    .addParameter(Types.PARALLEL, "parallel")
                    .addStatement("return new $T(tensors, maxBatch, parallel)", self).build());
        }
        return f.build();
    }

    // ---- constants and fields ------------------------------------------------------------------

    private void constants(TypeSpec.Builder cls) {
        cls.addField(constant(TypeName.INT, "INPUT_SIZE", CodeBlock.of("$L", net.input().elements()),
                "Floats in one input sample."));
        cls.addField(constant(TypeName.INT, "OUTPUT_SIZE", CodeBlock.of("$L", plan.outputSize()),
                "Floats per sample of the trained output, " + String.join(" + ", plan.trainedOutputs()) + "."));
        cls.addField(constant(TypeName.INT, "PARAMETER_SIZE", CodeBlock.of("$L", plan.parameterCount()),
                "Length of the flat parameter array."));
        cls.addField(FieldSpec.builder(ParameterizedTypeName.get(Types.LIST, Types.TENSOR_INFO), "TENSORS",
                        Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The weights file's tensors in file order.")
                .initializer("new $T.Factory().tensorInfos()", model).build());
        cls.addField(FieldSpec.builder(Types.STRING_LIST, "LAYERS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The layers with trainable tensors, in network order.")
                .initializer("$T.of($L)", Types.LIST, plan.layers().stream().map(l -> CodeBlock.of("$S", l.name())
                        .toString()).collect(Collectors.joining(", "))).build());
        CodeBlock.Builder tensors = CodeBlock.builder().add("$T.of(", Types.LIST);
        for (int i = 0; i < plan.layers().size(); i++) {
            TrainLayer l = plan.layers().get(i);
            tensors.add(i == 0 ? "\n$>$>" : ",\n").add("$T.of($L)", Types.LIST, l.tensors().stream()
                    .map(t -> CodeBlock.of("$S", t.name()).toString()).collect(Collectors.joining(", ")));
        }
        tensors.add(plan.layers().isEmpty() ? ")" : ")$<$<");
        cls.addField(FieldSpec.builder(ParameterizedTypeName.get(Types.LIST, Types.STRING_LIST), "LAYER_TENSORS",
                        Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Per layer of {@link #LAYERS}, its trainable tensors.")
                .initializer(tensors.build()).build());
        // statements, not one chained expression: javac recurses once per link of a chain
        MethodSpec.Builder layout = MethodSpec.methodBuilder("flatLayout")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC).returns(Types.PARAM_LAYOUT)
                .addStatement("$T.Builder b = $T.builder()", Types.PARAM_LAYOUT, Types.PARAM_LAYOUT);
        for (TrainLayer l : plan.layers()) {
            for (ParamTensor t : l.tensors()) {
                layout.addStatement("b.add($S, $L, $L, 1.0)", t.name(), t.length(), !l.frozen());
            }
        }
        cls.addMethod(layout.addStatement("return b.build()").build());
        cls.addField(FieldSpec.builder(Types.PARAM_LAYOUT, "LAYOUT", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The flat parameter array: every trainable tensor in file order; layers frozen in the "
                        + "source are marked frozen.")
                .initializer("flatLayout()").build());
        cls.addField(FieldSpec.builder(Types.TRAIN_CONFIG, "CONFIG", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The model's {@code train {}} section, defaults filled in.")
                .initializer(ConfigCode.of(plan)).build());
    }

    private static FieldSpec constant(TypeName t, String name, CodeBlock value, String doc) {
        return FieldSpec.builder(t, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL).initializer(value)
                .addJavadoc(doc).build();
    }

    private void field(TypeSpec.Builder cls, TypeName t, String name, String doc) {
        cls.addField(FieldSpec.builder(t, name, Modifier.PRIVATE, Modifier.FINAL).addJavadoc(doc).build());
    }

    private void fields(TypeSpec.Builder cls) {
        field(cls, TypeName.INT, "maxBatch", "The largest batch the workspace holds.");
        field(cls, Types.PARALLEL, "parallel", "The threads a batch is split over.");
        field(cls, TypeName.INT, "chunks", "One chunk of samples per thread.");
        field(cls, array(), "p", "The flat parameters.");
        field(cls, array(), "g", "The flat gradients, averaged over the batch (the loss divides by it).");
        field(cls, ArrayTypeName.of(array()), "gc", "Per chunk, its weight gradients; {@code gc[0]} is {@code g}.");
        for (Map.Entry<String, Integer> e : plan.tensors().entrySet()) {
            String t = e.getKey();
            field(cls, array(), names.act(t), t + ": " + net.shapeOf(t) + " per sample.");
            if (hasGradient(t)) {
                field(cls, array(), names.grad(t), "The gradient of the loss at " + t + ".");
            }
        }
        for (StepContext c : steps) {
            if (c.step().savesPreActivation()) {
                field(cls, array(), names.pre(c.step().output()), c.step().output() + " before its "
                        + c.step().activation() + ", for the backward pass.");
            }
            if (c.node().op() instanceof Op.BatchNorm) {
                String id = names.id(c.node().name());
                String n = c.node().name();
                field(cls, array(), "mean_" + id, n + ": the mean it normalises with (the batch's in training).");
                field(cls, array(), "istd_" + id, n + ": 1 / sqrt(var + eps) it normalises with.");
                field(cls, array(), "coef_" + id, n + ": per channel [γ/σ, mean(dy), mean(dy·x̂)] for the backward pass.");
                field(cls, ArrayTypeName.of(TypeName.DOUBLE), "sum_" + id, n + ": per-channel sums over the batch.");
            }
        }
        // every batchnorm layer, also one the loss does not reach, keeps its running statistics
        for (Node n : net.nodes()) {
            if (n.op() instanceof Op.BatchNorm) {
                field(cls, array(), "runningMean_" + names.id(n.name()), n.name() + ".running_mean.");
                field(cls, array(), "runningVar_" + names.id(n.name()), n.name() + ".running_var.");
            }
        }
        if (plan.severalOutputs()) {
            field(cls, array(), trainedArray(), "The trained outputs " + String.join(", ", plan.trainedOutputs())
                    + " of each sample one after another, as the loss reads them.");
            field(cls, array(), trainedGradient(), "The loss's gradient in the layout of {@link #" + trainedArray()
                    + "}, scattered to the outputs before the backward pass.");
        }
        field(cls, ArrayTypeName.of(TypeName.BOOLEAN), "frozen", "Per layer of {@link #LAYERS}: not trained.");
        field(cls, ArrayTypeName.of(TypeName.BOOLEAN), "needGrad",
                "Per kept tensor: some trainable layer lies before it, so the backward pass computes its gradient.");
        int segments = 0;
        for (PassWriter.Segment s : PassWriter.Segment.forward(this)) {
            if (s.perSample()) {
                field(cls, Types.RANGE_TASK, "forward" + (++segments) + "Task", "Runs forward" + segments + " per chunk.");
            }
        }
        segments = 0;
        for (PassWriter.Segment s : PassWriter.Segment.backward(this)) {
            if (s.perSample()) {
                field(cls, Types.RANGE_TASK, "backward" + (++segments) + "Task", "Runs backward" + segments
                        + " per chunk.");
            }
        }
        new KernelLayerWriter(this).fields(cls);
        field(cls, Types.RANGE_TASK, "clearTask", "Runs clearGradients per chunk.");
        field(cls, Types.RANGE_TASK, "sumTask", "Runs sumGradients per share of the parameters.");
        if (!new KernelLayerWriter(this).transposing().isEmpty()) {
            field(cls, Types.RANGE_TASK, "transposeTask", "Runs transposeWeights per share of layers.");
        }
        cls.addField(FieldSpec.builder(Types.PARAM_LAYOUT, "layout", Modifier.PRIVATE)
                .addJavadoc("{@link #LAYOUT} with the current frozen marks.").build());
        cls.addField(FieldSpec.builder(TypeName.BOOLEAN, "training", Modifier.PRIVATE)
                .addJavadoc("The pass running is a training pass (batch statistics, dropout).").build());
        cls.addField(FieldSpec.builder(TypeName.INT, "n", Modifier.PRIVATE)
                .addJavadoc("Samples in the batch being run.").build());
        cls.addField(FieldSpec.builder(TypeName.INT, "activeChunks", Modifier.PRIVATE)
                .addJavadoc("Chunks the batch being run is split into.").build());
        cls.addField(FieldSpec.builder(TypeName.INT, "trainedBatch", Modifier.PRIVATE)
                .addJavadoc("The batch size of the last training forward pass, which backward needs; 0 if none.")
                .build());
        cls.addField(FieldSpec.builder(TypeName.LONG, "seed", Modifier.PRIVATE)
                .addJavadoc("Seeds the dropout masks.").build());
        cls.addField(FieldSpec.builder(TypeName.LONG, "dropoutStep", Modifier.PRIVATE)
                .addJavadoc("Training forward passes since the seed was set: each draws new dropout masks.").build());
    }

    /** The field holding a running statistic of the weights file, or null. */
    String runningField(String tensor) {
        for (Node node : net.nodes()) {
            String n = node.name();
            if (node.op() instanceof Op.BatchNorm) {
                if (tensor.equals(n + ".running_mean")) {
                    return "runningMean_" + names.id(n);
                } else if (tensor.equals(n + ".running_var")) {
                    return "runningVar_" + names.id(n);
                }
            }
        }
        return null;
    }

    Optional<ParamTensor> param(String tensor) {
        return Optional.ofNullable(paramByName.get(tensor));
    }

    // ---- constructors --------------------------------------------------------------------------

    private void constructors(TypeSpec.Builder cls) {
        String batchDoc = "@param maxBatch the largest batch it will be given; the workspace is allocated for it\n";
        cls.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                .addJavadoc("Trains a copy of {@code model}'s weights, in batches of up to the {@code train {}} "
                        + "section's, on the shared threads.\n")
                .addParameter(model, "model")
                .addStatement("this(model.tensors(), CONFIG.batch(), $T.common())", Types.PARALLEL).build());
        cls.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                .addJavadoc("Trains a copy of {@code model}'s weights on the shared threads.\n\n" + batchDoc)
                .addParameter(model, "model").addParameter(TypeName.INT, "maxBatch")
                .addStatement("this(model.tensors(), maxBatch, $T.common())", Types.PARALLEL).build());
        cls.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                .addJavadoc("Trains a copy of {@code model}'s weights.\n\n" + batchDoc
                        + "@param parallel the threads a batch is split over\n")
                .addParameter(model, "model").addParameter(TypeName.INT, "maxBatch")
                .addParameter(Types.PARALLEL, "parallel")
                .addStatement("this(model.tensors(), maxBatch, parallel)").build());
        MethodSpec.Builder m = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                .addJavadoc("Trains the given weights (the file layout, keyed by tensor name).\n\n" + batchDoc
                        + "@param parallel the threads a batch is split over\n"
                        + "@throws IllegalArgumentException naming a missing or mis-sized tensor\n")
                .addParameter(Types.TENSOR_MAP, "tensors").addParameter(TypeName.INT, "maxBatch")
                .addParameter(Types.PARALLEL, "parallel");
        m.beginControlFlow("if (maxBatch < 1)")
                .addStatement("throw new $T($S + maxBatch + $S)", IllegalArgumentException.class, "maxBatch ",
                        " must be at least 1")
                .endControlFlow();
        m.addStatement("this.maxBatch = maxBatch");
        m.addStatement("this.parallel = $T.requireNonNull(parallel, $S)", Types.OBJECTS, "parallel");
        m.addStatement("this.chunks = parallel.threads()");
        String t = type.keyword();
        m.addStatement("this.p = new $L[PARAMETER_SIZE]", t);
        m.addStatement("this.g = new $L[PARAMETER_SIZE]", t);
        m.addStatement("this.gc = new $L[chunks][]", t);
        m.addStatement("gc[0] = g");
        m.beginControlFlow("for (int k = 1; k < chunks; k++)").addStatement("gc[k] = new $L[PARAMETER_SIZE]", t)
                .endControlFlow();
        m.addComment("the workspace: every kept tensor and its gradient for maxBatch samples");
        for (Map.Entry<String, Integer> e : plan.tensors().entrySet()) {
            m.addStatement("this.$L = new $L[batchSize(maxBatch, $L)]", names.act(e.getKey()), t, e.getValue());
            if (hasGradient(e.getKey())) {
                m.addStatement("this.$L = new $L[batchSize(maxBatch, $L)]", names.grad(e.getKey()), t, e.getValue());
            }
        }
        for (StepContext c : steps) {
            if (c.step().savesPreActivation()) {
                m.addStatement("this.$L = new $L[batchSize(maxBatch, $L)]", names.pre(c.step().output()), t, c.outSize());
            }
            if (c.node().op() instanceof Op.BatchNorm) {
                String id = names.id(c.node().name());
                int ch = NormEmitter.channels(c);
                m.addStatement("this.mean_$L = new $L[$L]", id, t, ch);
                m.addStatement("this.istd_$L = new $L[$L]", id, t, ch);
                m.addStatement("this.coef_$L = new $L[$L]", id, t, 3 * ch);
                m.addStatement("this.sum_$L = new double[$L]", id, 2 * ch);
            }
        }
        for (Node n : net.nodes()) {
            if (n.op() instanceof Op.BatchNorm) {
                long ch = n.inputShape().channels();
                m.addStatement("this.runningMean_$L = new $L[$L]", names.id(n.name()), t, ch);
                m.addStatement("this.runningVar_$L = new $L[$L]", names.id(n.name()), t, ch);
            }
        }
        new KernelLayerWriter(this).allocate(m);
        m.addStatement("this.clearTask = this::clearGradients");
        m.addStatement("this.sumTask = this::sumGradients");
        if (!new KernelLayerWriter(this).transposing().isEmpty()) {
            m.addStatement("this.transposeTask = this::transposeWeights");
        }
        if (plan.severalOutputs()) {
            m.addStatement("this.$L = new $L[batchSize(maxBatch, OUTPUT_SIZE)]", trainedArray(), t);
            m.addStatement("this.$L = new $L[batchSize(maxBatch, OUTPUT_SIZE)]", trainedGradient(), t);
        }
        m.addStatement("this.frozen = new boolean[$L]", plan.layers().size());
        m.addStatement("this.needGrad = new boolean[$L]", plan.tensors().size());
        int k = 0;
        for (PassWriter.Segment s : PassWriter.Segment.forward(this)) {
            if (s.perSample()) {
                k++;
                m.addStatement("this.forward$LTask = this::forward$L", k, k);
            }
        }
        k = 0;
        for (PassWriter.Segment s : PassWriter.Segment.backward(this)) {
            if (s.perSample()) {
                k++;
                m.addStatement("this.backward$LTask = this::backward$L", k, k);
            }
        }
        for (TrainLayer l : plan.layers()) {
            if (l.frozen()) {
                m.addStatement("frozen[$L] = true", l.index()).addComment("$L is frozen in the source", l.name());
            }
        }
        m.addStatement("this.layout = LAYOUT");
        m.addStatement("this.seed = CONFIG.seed()");
        if (isFloat()) {
            m.addStatement("this.optimizer = defaultOptimizer(LAYOUT)");
            m.addStatement("this.lr = CONFIG.lr()");
        }
        m.addStatement("loadTensors(tensors)");
        m.addStatement("refreshFlow()");
        cls.addMethod(m.build());
    }

    static MethodSpec.Builder method(String name, TypeName returns, boolean override) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).returns(returns);
        if (override) {
            m.addAnnotation(Override.class);
        }
        return m;
    }
}
