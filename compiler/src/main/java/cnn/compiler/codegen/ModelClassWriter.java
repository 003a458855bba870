package cnn.compiler.codegen;

import cnn.compiler.graph.Network;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.Shape;
import cnn.compiler.graph.TensorSpec;
import cnn.compiler.graph.WeightLayout;
import cnn.compiler.lower.InferencePlan;
import cnn.compiler.lower.Step;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;

/** Writes the inference class {@code p.M} for one lowered network. */
final class ModelClassWriter {

    private static final String RUNTIME_MODEL = "cnn.runtime.model";
    private static final ClassName MODEL = ClassName.get(RUNTIME_MODEL, "Model");
    private static final ClassName MODEL_INFO = ClassName.get(RUNTIME_MODEL, "ModelInfo");
    private static final ClassName MODEL_FACTORY = ClassName.get(RUNTIME_MODEL, "ModelFactory");
    private static final ClassName TENSOR_INFO = ClassName.get(RUNTIME_MODEL, "TensorInfo");
    private static final ClassName WEIGHTS_FILES = ClassName.get(RUNTIME_MODEL, "WeightsFiles");
    private static final ClassName CHECKS = ClassName.get(RUNTIME_MODEL, "Checks");
    private static final ClassName PARALLEL = ClassName.get("cnn.runtime.kernels", "Parallel");
    private static final ClassName ARRAYS = ClassName.get("java.util", "Arrays");
    private static final ClassName LIST = ClassName.get("java.util", "List");
    private static final ClassName MAP = ClassName.get("java.util", "Map");
    private static final TypeName FLOATS = ArrayTypeName.of(TypeName.FLOAT);
    private static final TypeName FLOATS2 = ArrayTypeName.of(FLOATS);
    /** Layer calls per forward method, well under the JIT's 8000-byte limit for compiling a method. */
    private static final int CALLS_PER_FORWARD = 200;
    /**
     * A conv layer with at least this many MACs per sample shares its output rows among the pool's
     * threads when one sample runs alone; below it, waking the threads costs more than it saves.
     */
    static final long SPLIT_ROWS_MACS = 2_000_000;
    /**
     * Above this many floats per workspace (8 MiB) two per-thread workspaces no longer share the
     * cache well: MobileNet v2 (3.3M floats) ran a batch of 32 about 1.6x slower per sample, one
     * sample per thread, than one sample at a time with its layers split.
     */
    static final long SAMPLES_IN_TURN_FLOATS = 2L << 20;
    /** Nested types of the generated class; a model of the same name would shadow them. */
    private static final List<String> NESTED = List.of("Workspace", "Factory");
    /** Java's restricted identifiers: legal names of variables, not of classes. */
    private static final Set<String> RESTRICTED = Set.of("var", "yield", "record", "sealed", "permits");
    /**
     * The java.lang types generated code names without an import: a model named like one
     * shadows it ({@code model Math} made {@code Math.max} unresolvable). GeneratedNamesTest
     * checks that every java.lang type in generated sources is listed.
     */
    static final Set<String> JAVA_LANG_USED = Set.of("Math", "System", "Float", "Integer", "Long", "Double",
            "String", "Object", "Override", "ThreadLocal", "Runnable", "Thread", "Iterable", "Deprecated",
            "SuppressWarnings", "Exception", "RuntimeException", "IllegalArgumentException", "IllegalStateException",
            "ArithmeticException", "StringBuilder", "Character", "Boolean", "Byte", "Short", "Number", "Void", "Class");

    private final InferencePlan plan;
    private final Network net;
    private final ClassName self;
    private final Identifiers ids;
    private final Map<String, Integer> tensorIndex = new HashMap<>();
    private final List<TensorSpec> tensors;

    ModelClassWriter(InferencePlan plan, String packageName) {
        this.plan = plan;
        this.net = plan.network();
        if (!SourceVersion.isName(net.name()) || net.name().contains(".") || NESTED.contains(net.name())
                || RESTRICTED.contains(net.name())) {
            throw new IllegalArgumentException("model " + net.name() + ": its name cannot be a Java class name"
                    + " (a Java keyword or one of " + NESTED + " " + RESTRICTED + "); rename the model");
        }
        if (packageName.equals("java") || packageName.startsWith("java.")) {
            throw new IllegalArgumentException("model " + net.name() + ": package " + packageName + " is reserved for "
                    + "Java's own classes; choose another package");
        }
        if (!packageName.isEmpty() && !SourceVersion.isName(packageName)) {
            throw new IllegalArgumentException("model " + net.name() + ": " + packageName + " is not a Java package "
                    + "name; choose another package");
        }
        if (JAVA_LANG_USED.contains(net.name())) {
            throw new IllegalArgumentException("model " + net.name() + ": its class would hide java.lang."
                    + net.name() + ", which the generated code uses; rename the model");
        }
        this.self = ClassName.get(packageName, net.name());
        this.ids = new Identifiers(net.nodes().stream().map(Node::name).toList());
        this.tensors = net.tensors();
        for (int i = 0; i < tensors.size(); i++) {
            tensorIndex.put(tensors.get(i).name(), i);
        }
    }

    GeneratedFile write() {
        List<LayerContext> layers = new ArrayList<>();
        for (Step s : plan.steps()) {
            layers.add(context(s));
        }
        TypeSpec.Builder type = TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(MODEL)
                .addJavadoc(classDoc(layers.stream().anyMatch(LayerContext::splitRows)));
        constants(type);
        if (layers.stream().anyMatch(LayerContext::splitRows)) {
            type.addField(FieldSpec.builder(TypeName.INT, "PARTS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("Shares of a large layer's outputs, four per thread of the pool: the threads claim them\n"
                            + "one at a time, so a thread the machine runs late takes fewer.")
                    .initializer("4 * $T.common().threads()", PARALLEL).build());
        }
        if (layers.stream().anyMatch(ModelClassWriter::callsKernels)) {
            type.addField(FieldSpec.builder(KernelCalls.KERNELS, KernelCalls.FIELD, Modifier.PRIVATE, Modifier.STATIC,
                            Modifier.FINAL)
                    .addJavadoc("The inner loops: Vector API or plain Java, chosen once when the JVM starts.")
                    .initializer("$T.get()", KernelCalls.KERNELS).build());
        }
        instanceFields(type, layers);
        type.addMethod(constructor(layers));
        factories(type);
        api(type);
        forward(type, layers);
        for (LayerContext l : layers) {
            type.addMethod(layerMethod(l));
        }
        type.addType(workspace(layers));
        type.addType(factory());
        TypeSpec built = type.build();
        if (variables(built).contains(net.name())) {
            // M.load(…) inside M would read the field or parameter named M, not the class
            throw new IllegalArgumentException("model " + net.name() + ": its name is also the name of a field or "
                    + "parameter of the generated class; rename the model");
        }
        JavaFile file = JavaFile.builder(self.packageName(), built)
                .skipJavaLangImports(true)
                .indent("    ")
                .addFileComment("Generated by cnnc from model $L. Do not edit: change the .cnn file and generate again.",
                        net.name())
                .build();
        String qualified = self.packageName().isEmpty() ? net.name() : self.packageName() + "." + net.name();
        String source = file.toString();
        for (String line : source.lines().takeWhile(l -> !l.startsWith("public ")).toList()) {
            // import a.b.List; in class List: its List.of(…) would mean the class itself
            if (line.startsWith("import ") && !line.startsWith("import static ")
                    && line.endsWith("." + net.name() + ";")) {
                throw new IllegalArgumentException("model " + net.name() + ": its class would hide "
                        + line.substring(7, line.length() - 1) + ", which the generated code uses; rename the model");
            }
        }
        return new GeneratedFile(qualified, source);
    }

    /** Names of the fields and method parameters of a type and the types nested in it. */
    private static Set<String> variables(TypeSpec type) {
        Set<String> names = new HashSet<>();
        type.fieldSpecs().forEach(f -> names.add(f.name()));
        type.methodSpecs().forEach(m -> m.parameters().forEach(p -> names.add(p.name())));
        type.typeSpecs().forEach(t -> names.addAll(variables(t)));
        return names;
    }

    private String classDoc(boolean splitsRows) {
        StringBuilder b = new StringBuilder();
        b.append("Inference for model {@code ").append(net.name()).append("}, specialised to its sizes.\n\n");
        b.append("<p>Input ").append(net.input()).append(" (NHWC, one sample is ").append(Expr.count(net.input().elements()))
                .append(" floats); ").append(net.outputs().size() == 1 ? "output " : "outputs ");
        b.append(net.outputs().stream().map(o -> o + " " + net.shapeOf(o)).collect(Collectors.joining(", ")));
        b.append(". ").append(Expr.count(net.totalParams())).append(" parameters, ")
                .append(Expr.count(net.totalMacs())).append(" MACs per sample.\n\n");
        b.append("<p>Weights are read from an {@code .npz} in PyTorch's layouts and packed once, at load time, into\n")
                .append("the order each kernel reads them")
                .append(plan.steps().stream().anyMatch(s -> s.foldedNorm().isPresent())
                        ? "; batchnorm layers that follow a conv or dense layer are folded into it" : "")
                .append(".\n\n");
        b.append("<p>Thread safety: an instance never changes after it is built and may be shared by any number of\n")
                .append("threads. Each thread that runs it gets its own workspace of ")
                .append(Expr.count(plan.buffers().totalFloats()))
                .append(" floats (a {@code ThreadLocal}),\nso calls do not interfere; after a thread's first call, ")
                .append("{@code predict(nhwc, 1, out)} allocates nothing.\n")
                .append(samplesInTurn() ? "A batch runs one sample at a time (its workspace is too large for one per thread)"
                        : "The samples of a batch are claimed one at a time by the threads of\n"
                        + "{@link cnn.runtime.kernels.Parallel#common()}")
                .append(splitsRows ? ";\na sample shares the outputs of its large layers among the pool's threads, "
                        + "which claim them share by share" : "")
                .append(".\nEach output value is computed by the same code whatever the thread count, so results ")
                .append("do not\ndepend on the number of threads.\n");
        return b.toString();
    }

    private LayerContext context(Step s) {
        List<String> inputs = s.inputs().size() == 1 ? List.of("in")
                : IntStream.range(0, s.inputs().size()).mapToObj(i -> "in" + i).toList();
        Op op = s.node().op();
        boolean large = s.node().macs() >= SPLIT_ROWS_MACS;
        boolean split = (op instanceof Op.Conv || op instanceof Op.DepthwiseConv || op instanceof Op.SlidingDense)
                && large && s.outputShape() instanceof Shape.Grid g && g.h() > 1
                // a dense layer shares its units; softmax needs all of them in one place
                || op instanceof Op.Dense d && large && d.units() >= 128
                && s.activation().kind() != cnn.compiler.graph.Activation.Kind.SOFTMAX;
        return new LayerContext(s, ids.of(s.node().name()), inputs, tensorIndex, split);
    }

    private static boolean callsKernels(LayerContext l) {
        Op op = l.node().op();
        return op instanceof Op.Conv || op instanceof Op.DepthwiseConv || op instanceof Op.SlidingDense
                || op instanceof Op.Dense;
    }

    /** Floats of scratch a layer reads instead of its input (a padded copy), or 0. */
    private static int scratch(LayerContext l) {
        return Emitters.of(l.node().op()).scratchFloats(l);
    }

    /** The workspace buffers a layer reads: its inputs', or the scratch its input was copied into. */
    private String inputArgs(LayerContext l, String prefix) {
        if (scratch(l) > 0) {
            return prefix + "scratch";
        }
        return l.step().inputs().stream().map(t -> prefix + buffer(t)).collect(Collectors.joining(", "));
    }

    private int outputSize(String output) {
        return Math.toIntExact(net.shapeOf(output).elements());
    }

    private void constants(TypeSpec.Builder type) {
        Shape.Grid in = net.input();
        type.addField(constant(TypeName.INT, "INPUT_HEIGHT", CodeBlock.of("$L", in.h())));
        type.addField(constant(TypeName.INT, "INPUT_WIDTH", CodeBlock.of("$L", in.w())));
        type.addField(constant(TypeName.INT, "INPUT_CHANNELS", CodeBlock.of("$L", in.c())));
        type.addField(constant(TypeName.INT, "INPUT_SIZE", CodeBlock.of("$L", in.elements())));
        type.addField(FieldSpec.builder(TypeName.INT, "OUTPUT_SIZE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Floats per sample of the first output, $L.", net.outputs().get(0))
                .initializer("$L", outputSize(net.outputs().get(0))).build());
        type.addField(FieldSpec.builder(TypeName.LONG, "PARAMETER_COUNT", Modifier.PUBLIC, Modifier.STATIC,
                        Modifier.FINAL)
                .addJavadoc("The summary's total parameters, running statistics included.")
                .initializer("$LL", net.totalParams()).build());
        type.addField(constant(ParameterizedTypeName.get(LIST, ClassName.get(String.class)), "OUTPUT_NAMES",
                CodeBlock.of("$T.of($L)", LIST, net.outputs().stream().map(o -> CodeBlock.of("$S", o).toString())
                        .collect(Collectors.joining(", ")))));
        type.addField(constant(ParameterizedTypeName.get(LIST, ClassName.get(Integer.class)), "OUTPUT_SIZES",
                CodeBlock.of("$T.of($L)", LIST, net.outputs().stream().map(o -> Integer.toString(outputSize(o)))
                        .collect(Collectors.joining(", ")))));
        // List as $T everywhere: a literal "List.of(" bypasses JavaPoet, which qualifies
        // java.util.List only where a model named List would hide it
        CodeBlock shapes = CodeBlock.of("$T.of($L)", LIST, net.outputs().stream()
                .map(o -> CodeBlock.of("$T.of($L)", LIST, net.shapeOf(o).dims().stream().map(Object::toString)
                        .collect(Collectors.joining(", "))))
                .collect(CodeBlock.joining(", ")));
        type.addField(constant(MODEL_INFO, "INFO", CodeBlock.of("new $T($S, $L, $L, $L, OUTPUT_NAMES, $L, $LL)",
                MODEL_INFO, net.name(), in.h(), in.w(), in.c(), shapes, net.totalParams())));
        CodeBlock.Builder list = CodeBlock.builder().add("$T.of(", LIST);
        for (int i = 0; i < tensors.size(); i++) {
            TensorSpec t = tensors.get(i);
            list.add(i == 0 ? "\n$>$>" : ",\n");
            list.add("new $T($S, $T.of($L), $L)", TENSOR_INFO, t.name(), LIST,
                    Arrays.stream(t.shape()).mapToObj(Integer::toString).collect(Collectors.joining(", ")),
                    t.trainable());
        }
        list.add(tensors.isEmpty() ? ")" : ")$<$<");
        type.addField(FieldSpec.builder(ParameterizedTypeName.get(LIST, TENSOR_INFO), "TENSORS", Modifier.PRIVATE,
                        Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The weights file's tensors in file order; the constructor's {@code t[i]} is tensor i.")
                .initializer(list.build()).build());
        for (Node n : net.nodes()) {
            if (n.op() instanceof Op.Conv c && c.constantWeights() != null) {
                TensorSpec w = tensors.get(tensorIndex.get(n.name() + ".weight"));
                if (c.constantWeights().length != w.size()) {
                    throw new IllegalArgumentException(n.name() + ": weights= gives " + c.constantWeights().length
                            + " values but the kernel " + Arrays.toString(w.shape()) + " has " + w.size());
                }
                type.addField(FieldSpec.builder(FLOATS, constantField(n), Modifier.PRIVATE, Modifier.STATIC,
                                Modifier.FINAL)
                        .addJavadoc("$L: the constant kernel written in the model, [out][in/g][kh][kw].", n.name())
                        .initializer("{$L}", floats(c.constantWeights())).build());
            }
        }
    }

    private String constantField(Node n) {
        return ids.of(n.name()) + "_constant";
    }

    private static String floats(float[] v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ", ").append(Expr.floatLiteral(v[i]));
        }
        return b.toString();
    }

    private static FieldSpec constant(TypeName type, String name, CodeBlock value) {
        return FieldSpec.builder(type, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL).initializer(value).build();
    }

    private void instanceFields(TypeSpec.Builder type, List<LayerContext> layers) {
        type.addField(FieldSpec.builder(FLOATS2, "tensors", Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("The weights as loaded, in the file layout; what {@link #save} writes.").build());
        for (LayerContext l : layers) {
            for (PackedField f : Emitters.of(l.node().op()).fields(l)) {
                type.addField(FieldSpec.builder(f.type(), f.name(), Modifier.PRIVATE, Modifier.FINAL).build());
            }
        }
        type.addField(FieldSpec.builder(ParameterizedTypeName.get(ClassName.get(ThreadLocal.class),
                        ClassName.get(self.packageName(), self.simpleName(), "Workspace")), "workspace",
                        Modifier.PRIVATE, Modifier.FINAL)
                .initializer("$T.withInitial(Workspace::new)", ThreadLocal.class).build());
    }

    private MethodSpec constructor(List<LayerContext> layers) {
        MethodSpec.Builder m = MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
                .addParameter(FLOATS2, "t")
                .addStatement("this.tensors = t");
        for (LayerContext l : layers) {
            List<PackedField> fields = Emitters.of(l.node().op()).fields(l);
            if (fields.isEmpty()) {
                continue;
            }
            m.addComment("$L: $L", l.step().label(), fields.stream().map(PackedField::why).collect(Collectors.joining("; ")));
            for (PackedField f : fields) {
                m.addStatement("$L = $L", f.name(), f.init());
            }
        }
        return m.build();
    }

    private void factories(TypeSpec.Builder type) {
        type.addMethod(MethodSpec.methodBuilder("load").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addJavadoc("Loads a weights file; a missing, mismatched or corrupt file is one exception naming the tensor.")
                .returns(self).addParameter(Path.class, "npz").addException(IOException.class)
                .addStatement("return new $T($T.load(npz, TENSORS))", self, WEIGHTS_FILES).build());
        MethodSpec.Builder init = MethodSpec.methodBuilder("init").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addJavadoc("Fresh weights from a seed: each tensor's values depend only on the seed and its name.")
                .returns(self).addParameter(TypeName.LONG, "seed")
                .addStatement("float[][] t = new float[$L][]", tensors.size());
        for (Node n : net.nodes()) {
            for (TensorSpec t : WeightLayout.of(n)) {
                init.addStatement("t[$L] = $L", tensorIndex.get(t.name()), InitCode.of(n, t, constantField(n)));
            }
        }
        init.addStatement("return new $T(t)", self);
        type.addMethod(init.build());
        type.addMethod(MethodSpec.methodBuilder("fromTensors").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addJavadoc("From tensors in the file layout, keyed by name (e.g. a trainer's current weights).")
                .returns(self)
                .addParameter(ParameterizedTypeName.get(MAP, ClassName.get(String.class), FLOATS), "tensors")
                .addStatement("return new $T($T.fromMap(tensors, TENSORS))", self, WEIGHTS_FILES).build());
    }

    private void api(TypeSpec.Builder type) {
        type.addMethod(override("info", MODEL_INFO).addStatement("return INFO").build());
        type.addMethod(override("tensors", ParameterizedTypeName.get(MAP, ClassName.get(String.class), FLOATS))
                .addStatement("return $T.toMap(TENSORS, tensors)", WEIGHTS_FILES).build());
        type.addMethod(override("save", TypeName.VOID).addParameter(Path.class, "npz").addException(IOException.class)
                .addStatement("$T.save(npz, TENSORS, tensors)", WEIGHTS_FILES).build());

        String first = net.outputs().get(0);
        boolean samplesInTurn = samplesInTurn();
        if (samplesInTurn) {
            type.addField(FieldSpec.builder(TypeName.BOOLEAN, "SAMPLES_IN_TURN", Modifier.PRIVATE, Modifier.STATIC,
                            Modifier.FINAL)
                    .addJavadoc("A batch runs one sample after another, each sharing its large layers among the threads:\n"
                            + "a workspace of $L floats per thread would not stay in cache.", workspaceFloats())
                    .initializer("$T.common().threads() > 1", PARALLEL).build());
        }
        type.addMethod(override("predict", FLOATS).addParameter(FLOATS, "hwc")
                .addStatement("$T.sample(hwc, INFO)", CHECKS)
                .addStatement("Workspace ws = workspace.get()")
                .addStatement("forward(hwc, 0, ws)")
                .addStatement("return $T.copyOf(ws.$L, $L)", ARRAYS, buffer(first), outputSize(first)).build());
        type.addMethod(override("predictAll", FLOATS2).addParameter(FLOATS, "hwc")
                .addStatement("$T.sample(hwc, INFO)", CHECKS)
                .addStatement("Workspace ws = workspace.get()")
                .addStatement("forward(hwc, 0, ws)")
                .addStatement("return new float[][] {$L}", CodeBlock.join(net.outputs().stream()
                        .map(o -> CodeBlock.of("$T.copyOf(ws.$L, $L)", ARRAYS, buffer(o), outputSize(o)))
                        .toList(), ", ")).build());
        type.addMethod(override("predict", TypeName.VOID)
                .addParameter(FLOATS, "nhwc").addParameter(TypeName.INT, "n").addParameter(FLOATS, "out")
                .addStatement("$T.input(nhwc, n, INFO)", CHECKS)
                .addStatement("$T.output(out, n, OUTPUT_SIZE, $S)", CHECKS, first)
                .beginControlFlow(samplesInTurn ? "if (SAMPLES_IN_TURN)" : "if (n == 1)")
                .addStatement(samplesInTurn ? "runFirst(nhwc, out, 0, n)" : "runFirst(nhwc, out, 0, 1)")
                .nextControlFlow("else")
                .addStatement("$T.common().forShares(n, (from, to) -> runFirst(nhwc, out, from, to))", PARALLEL)
                .endControlFlow().build());
        MethodSpec.Builder all = override("predictAll", TypeName.VOID)
                .addParameter(FLOATS, "nhwc").addParameter(TypeName.INT, "n").addParameter(FLOATS2, "outs")
                .addStatement("$T.input(nhwc, n, INFO)", CHECKS)
                .addStatement("$T.outputs(outs, $L)", CHECKS, net.outputs().size());
        for (int k = 0; k < net.outputs().size(); k++) {
            all.addStatement("$T.output(outs[$L], n, $L, $S)", CHECKS, k, outputSize(net.outputs().get(k)),
                    net.outputs().get(k));
        }
        type.addMethod(all.beginControlFlow(samplesInTurn ? "if (SAMPLES_IN_TURN)" : "if (n == 1)")
                .addStatement(samplesInTurn ? "runAll(nhwc, outs, 0, n)" : "runAll(nhwc, outs, 0, 1)")
                .nextControlFlow("else")
                .addStatement("$T.common().forShares(n, (from, to) -> runAll(nhwc, outs, from, to))", PARALLEL)
                .endControlFlow().build());

        type.addMethod(MethodSpec.methodBuilder("runFirst").addModifiers(Modifier.PRIVATE)
                .addParameter(FLOATS, "nhwc").addParameter(FLOATS, "out")
                .addParameter(TypeName.INT, "from").addParameter(TypeName.INT, "to")
                .addStatement("Workspace ws = workspace.get()")
                .beginControlFlow("for (int s = from; s < to; s++)")
                .addStatement("forward(nhwc, s * INPUT_SIZE, ws)")
                .addStatement("System.arraycopy(ws.$L, 0, out, s * $L, $L)", buffer(first), outputSize(first),
                        outputSize(first))
                .endControlFlow().build());
        MethodSpec.Builder runAll = MethodSpec.methodBuilder("runAll").addModifiers(Modifier.PRIVATE)
                .addParameter(FLOATS, "nhwc").addParameter(FLOATS2, "outs")
                .addParameter(TypeName.INT, "from").addParameter(TypeName.INT, "to")
                .addStatement("Workspace ws = workspace.get()")
                .beginControlFlow("for (int s = from; s < to; s++)")
                .addStatement("forward(nhwc, s * INPUT_SIZE, ws)");
        for (int k = 0; k < net.outputs().size(); k++) {
            String o = net.outputs().get(k);
            runAll.addStatement("System.arraycopy(ws.$L, 0, outs[$L], s * $L, $L)", buffer(o), k, outputSize(o),
                    outputSize(o));
        }
        type.addMethod(runAll.endControlFlow().build());
    }

    /** Floats of one workspace: activation buffers and scratch. */
    private long workspaceFloats() {
        long scratch = plan.steps().stream().map(this::context).mapToLong(ModelClassWriter::scratch).max().orElse(0);
        return plan.buffers().totalFloats() + scratch;
    }

    /**
     * Large activations and large layers: a batch is better run a sample at a time with each
     * large layer split among the threads (one workspace in cache) than a sample per thread.
     */
    private boolean samplesInTurn() {
        return workspaceFloats() > SAMPLES_IN_TURN_FLOATS
                && plan.steps().stream().map(this::context).anyMatch(LayerContext::splitRows);
    }

    private static MethodSpec.Builder override(String name, TypeName returns) {
        return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(returns);
    }

    private String buffer(String tensor) {
        return "b" + plan.slot(tensor);
    }

    private void forward(TypeSpec.Builder type, List<LayerContext> steps) {
        MethodSpec.Builder main = MethodSpec.methodBuilder("forward").addModifiers(Modifier.PRIVATE)
                .addJavadoc("Runs one sample read from {@code x[offset ..]}; the outputs are left in the workspace.")
                .addParameter(FLOATS, "x").addParameter(TypeName.INT, "offset").addParameter(workspaceType(), "ws")
                .addStatement("System.arraycopy(x, offset, ws.$L, 0, INPUT_SIZE)", buffer(net.inputName()));
        if (steps.size() <= CALLS_PER_FORWARD) {
            calls(main, steps);
            type.addMethod(main.build());
            return;
        }
        for (int part = 0; part * CALLS_PER_FORWARD < steps.size(); part++) {
            String name = "forward" + (part + 1);
            main.addStatement("$L(ws)", name);
            MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE)
                    .addParameter(workspaceType(), "ws");
            calls(m, steps.subList(part * CALLS_PER_FORWARD, Math.min(steps.size(), (part + 1) * CALLS_PER_FORWARD)));
            type.addMethod(m.build());
        }
        type.addMethod(main.build());
    }

    private void calls(MethodSpec.Builder m, List<LayerContext> steps) {
        for (LayerContext l : steps) {
            Step s = l.step();
            if (scratch(l) > 0) {
                m.addStatement(Emitters.of(l.node().op()).prepare(l, "ws." + buffer(s.inputs().get(0)), "ws.scratch"));
            }
            if (l.splitRows()) {
                m.addStatement("$T.common().forShares(PARTS, ws.$L)", PARALLEL, rowsTask(l));
                continue;
            }
            m.addStatement("$L(" + inputArgs(l, "ws.") + ", ws.$L)", methodName(s), buffer(s.output()));
        }
    }

    private static String rowsTask(LayerContext l) {
        return "rows_" + l.id();
    }

    private String methodName(Step s) {
        return "layer_" + ids.of(s.node().name());
    }

    private TypeName workspaceType() {
        return self.nestedClass("Workspace");
    }

    private MethodSpec layerMethod(LayerContext l) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(methodName(l.step())).addModifiers(Modifier.PRIVATE)
                .addJavadoc(Describe.step(l.step()));
        for (String in : l.inputs()) {
            m.addParameter(ParameterSpec.builder(FLOATS, in).build());
        }
        m.addParameter(FLOATS, "out");
        if (l.splitRows()) {
            m.addParameter(TypeName.INT, "part").addParameter(TypeName.INT, "parts");
        }
        m.addCode(Emitters.of(l.node().op()).body(l));
        return m.build();
    }

    private TypeSpec workspace(List<LayerContext> layers) {
        List<LayerContext> split = layers.stream().filter(LayerContext::splitRows).toList();
        TypeSpec.Builder ws = TypeSpec.classBuilder("Workspace")
                .addJavadoc("One thread's activation buffers; a buffer is reused once every reader of its tensor has run.");
        if (split.isEmpty()) {
            ws.addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL);
        } else {
            // the row tasks call this model's layer methods on this workspace's buffers
            ws.addModifiers(Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc("\n<p>It also holds, per large layer, the task that computes a share of its outputs,\n"
                            + "made once so running a sample allocates nothing.");
        }
        Map<Integer, List<String>> holds = new TreeMap<>();
        for (Map.Entry<String, Integer> e : plan.buffers().slotOf().entrySet()) {
            holds.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
        }
        List<Integer> sizes = plan.buffers().slotSizes();
        for (int i = 0; i < sizes.size(); i++) {
            List<String> names = holds.getOrDefault(i, List.of()).stream().sorted().toList();
            ws.addField(FieldSpec.builder(FLOATS, "b" + i, Modifier.FINAL)
                    .addJavadoc("Holds $L.", String.join(", ", names))
                    .initializer("new float[$L]", sizes.get(i)).build());
        }
        int scratch = layers.stream().mapToInt(ModelClassWriter::scratch).max().orElse(0);
        if (scratch > 0) {
            ws.addField(FieldSpec.builder(FLOATS, "scratch", Modifier.FINAL)
                    .addJavadoc("The zero-padded copy of a padding layer's input, which its kernel reads; one layer at a time.")
                    .initializer("new float[$L]", scratch).build());
        }
        for (LayerContext l : split) {
            String args = inputArgs(l, "");
            ws.addField(FieldSpec.builder(PARALLEL.nestedClass("RangeTask"), rowsTask(l), Modifier.FINAL)
                    .addJavadoc("$L: share {@code part} of its outputs for each part in [from, to).", l.node().name())
                    .initializer(CodeBlock.builder()
                            .add("(from, to) -> {\n$>")
                            .beginControlFlow("for (int part = from; part < to; part++)")
                            .addStatement("$L(" + args + ", $L, part, PARTS)", methodName(l.step()),
                                    buffer(l.step().output()))
                            .endControlFlow()
                            .add("$<}")
                            .build())
                    .build());
        }
        return ws.build();
    }

    private TypeSpec factory() {
        TypeName factoryOf = ParameterizedTypeName.get(MODEL_FACTORY, self);
        return TypeSpec.classBuilder("Factory").addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addSuperinterface(factoryOf)
                .addJavadoc("Makes instances for tools that load this class by name.")
                .addMethod(override("info", MODEL_INFO).addStatement("return INFO").build())
                .addMethod(override("tensorInfos", ParameterizedTypeName.get(LIST, TENSOR_INFO))
                        .addStatement("return TENSORS").build())
                .addMethod(override("load", self).addParameter(Path.class, "npz").addException(IOException.class)
                        .addStatement("return $T.load(npz)", self).build())
                .addMethod(override("init", self).addParameter(TypeName.LONG, "seed")
                        .addStatement("return $T.init(seed)", self).build())
                .addMethod(override("fromTensors", self)
                        .addParameter(ParameterizedTypeName.get(MAP, ClassName.get(String.class), FLOATS), "tensors")
                        .addStatement("return $T.fromTensors(tensors)", self).build())
                .build();
    }
}
