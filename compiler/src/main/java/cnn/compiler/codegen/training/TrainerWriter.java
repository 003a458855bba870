package cnn.compiler.codegen.training;

import cnn.compiler.codegen.GeneratedFile;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.TensorSpec;
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

    private static final StepEmitter LINEAR = new LinearEmitter();
    private static final StepEmitter POOL = new PoolTrainEmitter();
    private static final NormEmitter NORM = new NormEmitter();
    private static final StepEmitter LAYOUT = new LayoutTrainEmitter();
    private static final StepEmitter PASS = new PassEmitter();

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

    /** Every tensor but the network's input has a gradient buffer; the input too when asked for. */
    boolean hasGradient(String tensor) {
        return !tensor.equals(net.inputName()) || options.inputGradient() || tensor.equals(plan.trained());
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
            cls.addSuperinterface(Types.TRAINABLE_MODEL);
        }
        options.implement().ifPresent(cls::addSuperinterface);
        constants(cls);
        fields(cls);
        constructors(cls);
        if (isFloat()) {
            new TrainerApi(this).write(cls);
        } else {
            commonApi(cls);
        }
        core(cls);
        passes(cls);
        for (StepContext c : steps) {
            layerMethods(cls, c);
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
        b.append("<p>Loss: ").append(plan.loss().sourceName()).append(" on ").append(plan.trained()).append(" (")
                .append(plan.trainedShape()).append(")");
        if (!plan.fused().isLinear()) {
            b.append(", the values before the final ").append(plan.fused())
                    .append(", which the loss fuses and inference applies");
        }
        b.append(". ").append(Ix.count(plan.parameterCount())).append(" parameters in one flat array, weights in the\n")
                .append("order the kernels read them ([kh][kw][in/groups][out]); {@code tensors()} gives the file layout.\n\n");
        b.append("<p>The workspace keeps every tensor the backward pass reads, and its gradient, for up to\n")
                .append("{@code maxBatch} samples: ").append(Ix.count(floats)).append(" values per sample, allocated once. ")
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
                "Floats per sample of the trained output, " + plan.trained() + "."));
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
        field(cls, ArrayTypeName.of(TypeName.BOOLEAN), "frozen", "Per layer of {@link #LAYERS}: not trained.");
        field(cls, ArrayTypeName.of(TypeName.BOOLEAN), "needGrad",
                "Per kept tensor: some trainable layer lies before it, so the backward pass computes its gradient.");
        int segments = 0;
        for (Segment s : Segment.forward(this)) {
            if (s.perSample()) {
                field(cls, Types.RANGE_TASK, "forward" + (++segments) + "Task", "Runs forward" + segments + " per chunk.");
            }
        }
        segments = 0;
        for (Segment s : Segment.backward(this)) {
            if (s.perSample()) {
                field(cls, Types.RANGE_TASK, "backward" + (++segments) + "Task", "Runs backward" + segments
                        + " per chunk.");
            }
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
        m.addStatement("this.frozen = new boolean[$L]", plan.layers().size());
        m.addStatement("this.needGrad = new boolean[$L]", plan.tensors().size());
        int k = 0;
        for (Segment s : Segment.forward(this)) {
            if (s.perSample()) {
                k++;
                m.addStatement("this.forward$LTask = this::forward$L", k, k);
            }
        }
        k = 0;
        for (Segment s : Segment.backward(this)) {
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

    // ---- API shared by both element types -----------------------------------------------------

    /** The methods of the API a double trainer has too (the float trainer writes them in {@link TrainerApi}). */
    void commonApi(TypeSpec.Builder cls) {
        cls.addMethod(MethodSpec.methodBuilder("parameters").addModifiers(Modifier.PUBLIC).returns(array())
                .addJavadoc("The flat parameters; the live array.\n").addStatement("return p").build());
        cls.addMethod(MethodSpec.methodBuilder("gradients").addModifiers(Modifier.PUBLIC).returns(array())
                .addJavadoc("The flat gradients of the last backward pass; the live array.\n").addStatement("return g")
                .build());
        cls.addMethod(MethodSpec.methodBuilder("layout").addModifiers(Modifier.PUBLIC).returns(Types.PARAM_LAYOUT)
                .addStatement("return layout").build());
        cls.addMethod(MethodSpec.methodBuilder("layers").addModifiers(Modifier.PUBLIC).returns(Types.STRING_LIST)
                .addStatement("return LAYERS").build());
        cls.addMethod(tensorsMethod(false));
        cls.addMethod(loadTensorsMethod(false));
        cls.addMethod(setFrozenMethod(false));
        cls.addMethod(setSeedMethod(false));
    }

    MethodSpec tensorsMethod(boolean override) {
        MethodSpec.Builder m = method("tensors", Types.TENSOR_MAP, override)
                .addJavadoc(override ? "" : "Copies of every tensor in the file layout, keyed by name, in file order.\n")
                .addStatement("$T<String, float[]> m = new $T<>()", Types.MAP, Types.LINKED_HASH_MAP);
        for (TensorSpec t : net.tensors()) {
            Optional<ParamTensor> p = param(t.name());
            if (p.isPresent() && p.get().packing().isPresent()) {
                int[] s = p.get().packing().get();
                m.addStatement("m.put($S, unpack(p, $L, $L, $L, $L, $L))", t.name(), p.get().offset(), s[0], s[1], s[2],
                        s[3]);
            } else if (p.isPresent()) {
                m.addStatement("m.put($S, copyOut(p, $L, $L))", t.name(), p.get().offset(), p.get().length());
            } else {
                m.addStatement("m.put($S, copyOut($L, 0, $L))", t.name(), runningField(t.name()), t.size());
            }
        }
        return m.addStatement("return m").build();
    }

    MethodSpec loadTensorsMethod(boolean override) {
        MethodSpec.Builder m = method("loadTensors", TypeName.VOID, override)
                .addParameter(Types.TENSOR_MAP, "tensors")
                .addJavadoc(override ? "" : "Replaces the weights and running statistics (file layout, keyed by name).\n"
                        + "@throws IllegalArgumentException naming a missing or mis-sized tensor\n")
                .addStatement("float[][] t = $T.fromMap(tensors, TENSORS)", Types.WEIGHTS_FILES);
        List<TensorSpec> specs = net.tensors();
        for (int i = 0; i < specs.size(); i++) {
            TensorSpec t = specs.get(i);
            Optional<ParamTensor> p = param(t.name());
            if (p.isPresent() && p.get().packing().isPresent()) {
                int[] s = p.get().packing().get();
                m.addStatement("pack(t[$L], p, $L, $L, $L, $L, $L)", i, p.get().offset(), s[0], s[1], s[2], s[3]);
            } else if (p.isPresent()) {
                m.addStatement("copyIn(t[$L], p, $L)", i, p.get().offset());
            } else {
                m.addStatement("copyIn(t[$L], $L, 0)", i, runningField(t.name()));
            }
        }
        return m.build();
    }

    MethodSpec setFrozenMethod(boolean override) {
        MethodSpec.Builder m = method("setFrozen", TypeName.VOID, override)
                .addParameter(Types.STRING, "layer").addParameter(TypeName.BOOLEAN, "frozen")
                .addJavadoc(override ? "" : "Freezes or unfreezes a layer of {@link #layers()}.\n")
                .addStatement("int l = LAYERS.indexOf(layer)")
                .beginControlFlow("if (l < 0)")
                .addStatement("throw new $T($S + layer + $S + LAYERS)", IllegalArgumentException.class,
                        net.name() + " has no trainable layer ", "; its trainable layers are ")
                .endControlFlow()
                .addStatement("$T next = layout", Types.PARAM_LAYOUT)
                .beginControlFlow("for (String t : LAYER_TENSORS.get(l))")
                .addStatement("next = next.withTrainable(t, !frozen)")
                .endControlFlow()
                .addStatement("this.layout = next")
                .addStatement("this.frozen[l] = frozen");
        if (isFloat()) {
            m.addStatement("this.optimizer = rebuild(optimizer, next)");
        }
        return m.addStatement("refreshFlow()").build();
    }

    MethodSpec setSeedMethod(boolean override) {
        return method("setSeed", TypeName.VOID, override).addParameter(TypeName.LONG, "seed")
                .addJavadoc(override ? "" : "Seeds the dropout masks of the following training passes.\n")
                .addStatement("this.seed = seed")
                .addStatement("this.dropoutStep = 0").build();
    }

    static MethodSpec.Builder method(String name, TypeName returns, boolean override) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).returns(returns);
        if (override) {
            m.addAnnotation(Override.class);
        }
        return m;
    }

    // ---- the passes ----------------------------------------------------------------------------

    private void core(TypeSpec.Builder cls) {
        String trained = plan.trained();
        cls.addMethod(MethodSpec.methodBuilder("forwardTraining").addModifiers(Modifier.PUBLIC)
                .addJavadoc("The training forward pass (batch statistics, new dropout masks) up to the trained output,\n"
                        + "keeping what the backward pass needs; moves the running statistics.\n")
                .addParameter(array(), "x").addParameter(TypeName.INT, "n")
                .addStatement("begin(x, n, true)")
                .addStatement("dropoutStep++")
                .addStatement("runForward()")
                .addStatement("trainedBatch = n").build());
        cls.addMethod(MethodSpec.methodBuilder("forwardInference").addModifiers(Modifier.PUBLIC)
                .addJavadoc("The inference forward pass (running statistics, no dropout) up to the trained output.\n")
                .addParameter(array(), "x").addParameter(TypeName.INT, "n")
                .addStatement("begin(x, n, false)")
                .addStatement("runForward()")
                .addStatement("trainedBatch = 0").build());
        cls.addMethod(MethodSpec.methodBuilder("trainedOutput").addModifiers(Modifier.PUBLIC).returns(array())
                .addJavadoc("The trained output of the last forward pass, $L per sample; the live array.\n",
                        plan.outputSize())
                .addStatement("return $L", names.act(trained)).build());
        cls.addMethod(MethodSpec.methodBuilder("outputGradient").addModifiers(Modifier.PUBLIC).returns(array())
                .addJavadoc("Where the loss's gradient at the trained output goes before {@link #backward}; the live "
                        + "array.\n")
                .addStatement("return $L", names.grad(trained)).build());
        if (options.inputGradient()) {
            cls.addMethod(MethodSpec.methodBuilder("inputGradient").addModifiers(Modifier.PUBLIC).returns(array())
                    .addJavadoc("The gradient at the network's input after {@link #backward}; the live array.\n")
                    .addStatement("return $L", names.grad(net.inputName())).build());
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
                .addParameter(array(), "x").addParameter(TypeName.INT, "n").addParameter(TypeName.BOOLEAN, "training")
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
                .addStatement("System.arraycopy(x, 0, $L, 0, n * INPUT_SIZE)", names.act(net.inputName())).build());
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
                .addStatement("needGrad[0] = $L", options.inputGradient());
        for (StepContext c : steps) {
            List<String> terms = new ArrayList<>();
            c.step().layer().ifPresent(l -> terms.add("!frozen[" + l.index() + "]"));
            for (String in : c.step().inputs()) {
                String term = "needGrad[" + names.tensorIndex(in) + "]";
                if (!terms.contains(term)) {
                    terms.add(term);
                }
            }
            flow.addStatement("needGrad[$L] = $L", names.tensorIndex(c.step().output()), String.join(" || ", terms));
        }
        cls.addMethod(flow.build());
    }

    private void passes(TypeSpec.Builder cls) {
        MethodSpec.Builder fwd = MethodSpec.methodBuilder("runForward").addModifiers(Modifier.PRIVATE);
        int k = 0;
        for (Segment s : Segment.forward(this)) {
            if (s.perSample()) {
                k++;
                fwd.addStatement("parallel.forRange(activeChunks, forward$LTask)", k);
                cls.addMethod(segmentMethod("forward" + k, s, false));
            } else {
                s.calls().forEach(call -> fwd.addStatement(call));
            }
        }
        cls.addMethod(fwd.build());

        MethodSpec.Builder bwd = MethodSpec.methodBuilder("runBackward").addModifiers(Modifier.PRIVATE)
                .beginControlFlow("for (int k = 0; k < activeChunks; k++)")
                .addStatement("$T.fill(gc[k], $L)", Types.ARRAYS, type.literal(0))
                .endControlFlow()
                .beginControlFlow("if (!needGrad[$L])", names.tensorIndex(plan.trained()))
                .addStatement("return")
                .endControlFlow();
        k = 0;
        for (Segment s : Segment.backward(this)) {
            if (s.perSample()) {
                k++;
                bwd.addStatement("parallel.forRange(activeChunks, backward$LTask)", k);
                cls.addMethod(segmentMethod("backward" + k, s, true));
            } else {
                s.calls().forEach(call -> bwd.addStatement(call));
            }
        }
        bwd.addComment("the chunks' weight gradients, summed in chunk order");
        bwd.beginControlFlow("for (int k = 1; k < activeChunks; k++)")
                .addStatement("$L[] part = gc[k]", type.keyword())
                .beginControlFlow("for (int i = 0; i < PARAMETER_SIZE; i++)")
                .addStatement("g[i] += part[i]")
                .endControlFlow()
                .endControlFlow();
        cls.addMethod(bwd.build());
    }

    private MethodSpec segmentMethod(String name, Segment s, boolean backward) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE)
                .addJavadoc("Chunks {@code [from, to)}: $L.\n", s.calls().stream()
                        .map(c -> c.substring(0, c.indexOf('('))).collect(Collectors.joining(", ")))
                .addParameter(TypeName.INT, "from").addParameter(TypeName.INT, "to")
                .beginControlFlow("for (int k = from; k < to; k++)");
        if (backward) {
            m.addStatement("$L[] gw = gc[k]", type.keyword());
        }
        m.addStatement("int last = (k + 1) * n / activeChunks")
                .beginControlFlow("for (int s = k * n / activeChunks; s < last; s++)");
        s.calls().forEach(call -> m.addStatement(call));
        return m.endControlFlow().endControlFlow().build();
    }

    // ---- per-layer methods ---------------------------------------------------------------------

    private void layerMethods(TypeSpec.Builder cls, StepContext c) {
        String id = names.id(c.node().name());
        StepEmitter e = emitter(c.node().op());
        String t = type.keyword();
        MethodSpec.Builder fwd = MethodSpec.methodBuilder("fwd_" + id).addModifiers(Modifier.PRIVATE)
                .addJavadoc(LayerDoc.of(c, plan)).addParameter(TypeName.INT, "s");
        inputs(fwd, c, false);
        fwd.addStatement("final $L[] y = $L", t, names.act(c.step().output()));
        if (c.step().savesPreActivation()) {
            fwd.addStatement("final $L[] z = $L", t, names.pre(c.step().output()));
        }
        if (c.step().layer().isPresent()) {
            fwd.addStatement("final $L[] p = this.p", t);
        }
        fwd.addCode(e.forward(c));
        if (c.step().savesPreActivation()) {
            fwd.addStatement("System.arraycopy(y, $L, z, $L, $L)", c.outBase(), c.outBase(), c.outSize());
        }
        fwd.addCode(ActivationCode.forward(c.step().activation(), type, "y", c.outBase(), c.step().outputShape()));
        cls.addMethod(fwd.build());

        boolean norm = c.node().op() instanceof Op.BatchNorm;
        if (norm) {
            cls.addMethod(MethodSpec.methodBuilder("stats_" + id).addModifiers(Modifier.PRIVATE)
                    .addJavadoc("$L: the statistics the forward pass normalises with.\n", c.node().name())
                    .addCode(NORM.statistics(c)).build());
            cls.addMethod(MethodSpec.methodBuilder("sums_" + id).addModifiers(Modifier.PRIVATE)
                    .addJavadoc("$L: the batch sums of the backward pass, and the scale and shift gradients.\n",
                            c.node().name())
                    .beginControlFlow("if (!needGrad[$L])", names.tensorIndex(c.step().output()))
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
                .addParameter(TypeName.INT, "s").addParameter(array(), "gw");
        if (norm) {
            bwd.beginControlFlow("if (!needGrad[$L])", names.tensorIndex(c.step().output()))
                    .addStatement("return").endControlFlow();
            locals(bwd, c);
        } else {
            activationBackward(bwd, c);
        }
        bwd.addCode(e.backward(c));
        cls.addMethod(bwd.build());
    }

    private void activationBackward(MethodSpec.Builder m, StepContext c) {
        m.beginControlFlow("if (!needGrad[$L])", names.tensorIndex(c.step().output())).addStatement("return")
                .endControlFlow();
        locals(m, c);
        // a standalone activation's input is the value before it; other layers keep it in z
        String pre = c.node().op() instanceof Op.Act ? c.x(0) : "z";
        m.addCode(ActivationCode.backward(c.step().activation(), type, c.outBase(), c.step().outputShape(), pre));
    }

    private void locals(MethodSpec.Builder m, StepContext c) {
        String t = type.keyword();
        inputs(m, c, true);
        m.addStatement("final $L[] y = $L", t, names.act(c.step().output()));
        m.addStatement("final $L[] dy = $L", t, names.grad(c.step().output()));
        if (c.step().savesPreActivation()) {
            m.addStatement("final $L[] z = $L", t, names.pre(c.step().output()));
        }
        if (c.step().layer().isPresent()) {
            m.addStatement("final $L[] p = this.p", t);
        }
    }

    private void inputs(MethodSpec.Builder m, StepContext c, boolean gradients) {
        String t = type.keyword();
        for (int k = 0; k < c.inputs(); k++) {
            m.addStatement("final $L[] $L = $L", t, c.x(k), names.act(c.input(k)));
            if (gradients && c.hasInputGradient(k)) {
                m.addStatement("final $L[] $L = $L", t, c.dx(k), names.grad(c.input(k)));
            }
        }
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
                add(out, true, "fwd_" + id + "(s)");
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
                add(out, true, "bwd_" + id + "(s, gw)");
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
