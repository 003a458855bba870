package cnn.compiler.codegen.training;

import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.Shape;
import cnn.compiler.graph.TrainSpec;
import cnn.compiler.lower.training.TrainingPlan;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * The {@code cnn.runtime.train.TrainableModel} side of a float trainer: the loss (from
 * {@code cnn.runtime.loss}, on the logits where it fuses the final activation), the optimizer
 * (from {@code cnn.runtime.optim}, SGD or Adam as the {@code train {}} section says), freezing,
 * and the weights in the file layout.
 */
final class TrainerApi {

    private final TrainerWriter w;
    private final TrainingPlan plan;
    private final Network net;

    TrainerApi(TrainerWriter w) {
        this.w = w;
        this.plan = w.plan;
        this.net = w.net;
    }

    /** Loss rows per sample: a cross-entropy over a feature map scores each pixel's channels. */
    private int rows() {
        Shape s = plan.trainedShape();
        if (plan.loss().kind() == TrainSpec.Loss.CROSS_ENTROPY && s instanceof Shape.Grid g) {
            return Math.toIntExact(g.h() * g.w());
        }
        return 1;
    }

    private boolean labels() {
        return plan.loss().kind() == TrainSpec.Loss.CROSS_ENTROPY;
    }

    void write(TypeSpec.Builder cls) {
        lossField(cls);
        cls.addField(FieldSpec.builder(Types.OPTIMIZER, "optimizer", Modifier.PRIVATE)
                .addJavadoc("Updates {@link #p} from {@link #g}; its layout's frozen marks are the trainer's.").build());
        cls.addField(FieldSpec.builder(TypeName.DOUBLE, "lr", Modifier.PRIVATE)
                .addJavadoc("The learning rate of the next steps.").build());
        TypeName floats = Types.FLOATS;
        String trained = w.trainedArray();

        cls.addMethod(override("info", Types.MODEL_INFO).addStatement("return $T.INFO", w.model).build());
        cls.addMethod(override("inputSize", TypeName.INT).addStatement("return INPUT_SIZE").build());
        cls.addMethod(override("outputSize", TypeName.INT).addStatement("return OUTPUT_SIZE").build());
        cls.addMethod(override("maxBatch", TypeName.INT).addStatement("return maxBatch").build());
        cls.addMethod(override("config", Types.TRAIN_CONFIG).addStatement("return CONFIG").build());

        cls.addMethod(override("step", TypeName.FLOAT)
                .addParameter(floats, "x").addParameter(Types.TARGETS, "targets").addParameter(TypeName.INT, "n")
                .addStatement("float value = computeGradients(x, targets, n)")
                .addStatement("applyGradients()")
                .addStatement("return value").build());
        cls.addMethod(override("computeGradients", TypeName.FLOAT)
                .addParameter(floats, "x").addParameter(Types.TARGETS, "targets").addParameter(TypeName.INT, "n")
                .addStatement("checkTargets(targets, n)")
                .addStatement("forwardTraining(x, n)")
                .addStatement("double value = lossOf(targets, n, $L)", w.trainedGradient())
                .addStatement("runBackward()")
                .addStatement("return (float) value").build());
        cls.addMethod(override("applyGradients", TypeName.VOID)
                .addStatement("optimizer.step(p, g, lr)").build());
        cls.addMethod(override("forward", TypeName.VOID)
                .addParameter(floats, "x").addParameter(TypeName.INT, "n").addParameter(floats, "out")
                .addStatement("checkOutput(out, n)")
                .addStatement("forwardInference(x, n)")
                .addStatement("writeOutput(n, out)").build());
        cls.addMethod(override("evaluate", TypeName.FLOAT)
                .addParameter(floats, "x").addParameter(Types.TARGETS, "targets").addParameter(TypeName.INT, "n")
                .addParameter(floats, "out")
                .addStatement("checkTargets(targets, n)")
                .addStatement("checkOutput(out, n)")
                .addStatement("forwardInference(x, n)")
                .addStatement("double value = lossOf(targets, n, null)")
                .addStatement("writeOutput(n, out)")
                .addStatement("return (float) value").build());
        cls.addMethod(override("stepOutputs", floats)
                .addJavadoc("The trained output (logits where the loss fuses the final activation) of the last step's\n"
                        + "batch, $L per sample; the live array: read it before the next step.\n", plan.outputSize())
                .addStatement("return $L", trained).build());
        fitAndEvaluate(cls);

        cls.addMethod(override("parameters", floats).addStatement("return p").build());
        cls.addMethod(override("gradients", floats).addStatement("return g").build());
        cls.addMethod(override("layout", Types.PARAM_LAYOUT).addStatement("return layout").build());
        cls.addMethod(override("tensorInfos", com.palantir.javapoet.ParameterizedTypeName.get(Types.LIST,
                Types.TENSOR_INFO)).addStatement("return TENSORS").build());
        cls.addMethod(new WeightsApi(w).tensorsMethod(true));
        cls.addMethod(new WeightsApi(w).loadTensorsMethod(true));
        cls.addMethod(override("optimizer", Types.OPTIMIZER).addStatement("return optimizer").build());
        cls.addMethod(override("setOptimizer", TypeName.VOID).addParameter(Types.OPTIMIZER, "optimizer")
                .addStatement("$T.requireNonNull(optimizer, $S)", Types.OBJECTS, "optimizer")
                .beginControlFlow("if (!optimizer.layout().sameGeometry(LAYOUT))")
                .addStatement("throw new $T($S)", IllegalArgumentException.class, "the optimizer's parameter layout "
                        + "is not " + net.name() + "'s: build it on this trainer's layout()")
                .endControlFlow()
                .addStatement("this.optimizer = optimizer")
                .addStatement("this.layout = optimizer.layout()")
                .beginControlFlow("for (int l = 0; l < frozen.length; l++)")
                .addStatement("boolean trains = false")
                .beginControlFlow("for (String t : LAYER_TENSORS.get(l))")
                .addStatement("trains |= layout.tensor(t).trainable()")
                .endControlFlow()
                .addStatement("frozen[l] = !trains")
                .endControlFlow()
                .addStatement("refreshFlow()").build());
        cls.addMethod(override("learningRate", TypeName.DOUBLE).addStatement("return lr").build());
        cls.addMethod(override("setLearningRate", TypeName.VOID).addParameter(TypeName.DOUBLE, "lr")
                .beginControlFlow("if (!(lr >= 0) || Double.isInfinite(lr))")
                .addStatement("throw new $T($S + lr + $S)", IllegalArgumentException.class, "learning rate ",
                        " must be a finite number >= 0")
                .endControlFlow()
                .addStatement("this.lr = lr").build());
        cls.addMethod(override("layers", Types.STRING_LIST).addStatement("return LAYERS").build());
        cls.addMethod(new WeightsApi(w).setFrozenMethod(true));
        cls.addMethod(new WeightsApi(w).setSeedMethod(true));
        cls.addMethod(override("model", w.model).addStatement("return $T.fromTensors(tensors())", w.model).build());

        helpers(cls, trained);
    }

    /** SPEC §4's {@code fit} and {@code evaluate} over data sets: the generic loop of {@code cnn.runtime.train}. */
    private void fitAndEvaluate(TypeSpec.Builder cls) {
        cls.addMethod(MethodSpec.methodBuilder("fit").addModifiers(Modifier.PUBLIC).returns(Types.FIT_RESULT)
                .addJavadoc("Trains with the {@code train {}} section's settings (epochs, batch at most {@link #maxBatch()},\n"
                        + "rate, schedule, seed, augmentation), validating after each epoch.\n\n"
                        + "@param validation evaluated after every epoch; null for none\n"
                        + "@param listener   told of every step and epoch\n"
                        + "@throws IllegalArgumentException when the data does not fit the model\n"
                        + "@throws $T when a checkpoint cannot be written\n", java.io.IOException.class)
                .addParameter(Types.DATASET, "train").addParameter(Types.DATASET, "validation")
                .addParameter(Types.PROGRESS_LISTENER, "listener").addException(java.io.IOException.class)
                .addStatement("$T options = $T.from(CONFIG)", Types.FIT_OPTIONS, Types.FIT_OPTIONS)
                .addStatement("return $T.run(this, train, validation, options.withBatch(Math.min(options.batch(), "
                        + "maxBatch)), listener)", Types.FIT).build());
        cls.addMethod(MethodSpec.methodBuilder("fit").addModifiers(Modifier.PUBLIC).returns(Types.FIT_RESULT)
                .addJavadoc("Trains as {@code options} say (e.g. {@code FitOptions.from(CONFIG)} with flags applied).\n\n"
                        + "@param validation evaluated after every epoch; null for none\n"
                        + "@throws $T when a checkpoint cannot be written\n", java.io.IOException.class)
                .addParameter(Types.DATASET, "train").addParameter(Types.DATASET, "validation")
                .addParameter(Types.FIT_OPTIONS, "options").addParameter(Types.PROGRESS_LISTENER, "listener")
                .addException(java.io.IOException.class)
                .addStatement("return $T.run(this, train, validation, options, listener)", Types.FIT).build());
        cls.addMethod(MethodSpec.methodBuilder("evaluate").addModifiers(Modifier.PUBLIC)
                .returns(Types.EVALUATION.nestedClass("Result"))
                .addJavadoc("The loss (and accuracy, for class labels) over {@code data} in inference mode, in batches of\n"
                        + "{@link #maxBatch()}.\n")
                .addParameter(Types.DATASET, "data")
                .addStatement("return $T.run(this, data, maxBatch)", Types.EVALUATION).build());
    }

    private void lossField(TypeSpec.Builder cls) {
        ClassName type;
        CodeBlock init;
        switch (plan.loss().kind()) {
            case CROSS_ENTROPY -> {
                type = Types.loss("SoftmaxCrossEntropy");
                init = CodeBlock.of("new $T($L)", type, plan.trainedShape().channels());
            }
            case MSE -> {
                type = Types.loss("MeanSquaredError");
                init = CodeBlock.of("new $T(OUTPUT_SIZE)", type);
            }
            case BCE -> {
                type = Types.loss("BinaryCrossEntropy");
                init = CodeBlock.of("new $T(OUTPUT_SIZE)", type);
            }
            case LOCALIZATION -> {
                type = Types.loss("LocalizationLoss");
                init = CodeBlock.of("new $T($L)", type, ((Op.Localize) plan.loss().head().orElseThrow().op()).classes());
            }
            case LANDMARKS -> {
                type = Types.loss("LandmarksLoss");
                init = CodeBlock.of("new $T($L)", type, ((Op.Landmarks) plan.loss().head().orElseThrow().op()).count());
            }
            case YOLO -> {
                type = Types.loss("YoloLoss");
                CodeBlock.Builder grids = CodeBlock.builder();
                for (int h = 0; h < plan.loss().heads().size(); h++) {
                    Node head = plan.loss().heads().get(h);
                    Op.Yolo y = (Op.Yolo) head.op();
                    Shape.Grid grid = (Shape.Grid) head.output();
                    String anchors = y.anchors().stream()
                            .map(a -> CodeBlock.of("new $T($L, $L)", Types.ANCHOR, a.width(), a.height()).toString())
                            .collect(Collectors.joining(", "));
                    grids.add(h == 0 ? "\n$>$>" : ",\n").add("new $T($L, $L, $L, $L, $T.of($L), $L)", Types.YOLO_GRID,
                            net.input().h(), net.input().w(), grid.h(), grid.w(), Types.LIST, anchors, y.classes());
                }
                grids.add("$<$<");
                init = CodeBlock.of("new $T(new $T($T.of($L)))", type, Types.YOLO_HEADS, Types.LIST, grids.build());
            }
            default -> throw new IllegalStateException("no loss " + plan.loss().kind());
        }
        cls.addField(FieldSpec.builder(type, "loss", Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("The $L loss$L.", plan.loss().sourceName(), plan.fused().isLinear() ? ""
                        : ", on the values before the final " + plan.fused())
                .initializer(init).build());
    }

    private void helpers(TypeSpec.Builder cls, String trained) {
        String lossName = plan.loss().sourceName();
        int rows = rows();
        MethodSpec.Builder check = MethodSpec.methodBuilder("checkTargets").addModifiers(Modifier.PRIVATE)
                .addParameter(Types.TARGETS, "targets").addParameter(TypeName.INT, "n")
                .addStatement("$T.requireNonNull(targets, $S)", Types.OBJECTS, "targets")
                .beginControlFlow("if (targets instanceof $T.Labels l)", Types.TARGETS);
        if (labels()) {
            String count = rows == 1 ? "n" : "n * " + rows;
            check.beginControlFlow("if (l.labels().length < $L)", count)
                    .addStatement("throw new $T(n + $S + ($L) + $S + l.labels().length)",
                            IllegalArgumentException.class, " samples need ", count, " class labels, got ")
                    .endControlFlow()
                    .addStatement("return");
        } else {
            check.addStatement("throw new $T($S)", IllegalArgumentException.class, net.name() + " trains with loss "
                    + lossName + ", which takes float targets shaped like the output (" + plan.outputSize()
                    + " values per sample), not class labels");
        }
        check.endControlFlow()
                .addStatement("float[] v = (($T.Values) targets).values()", Types.TARGETS)
                .beginControlFlow("if (v.length < n * OUTPUT_SIZE)")
                .addStatement("throw new $T(n + $S + (n * OUTPUT_SIZE) + $S + v.length)", IllegalArgumentException.class,
                        " samples need ", " target values (" + plan.outputSize() + " per sample), got ")
                .endControlFlow();
        cls.addMethod(check.build());

        MethodSpec.Builder loss = MethodSpec.methodBuilder("lossOf").addModifiers(Modifier.PRIVATE)
                .returns(TypeName.DOUBLE)
                .addJavadoc("The mean loss of the trained output; its gradient into {@code grad} unless null.\n")
                .addParameter(Types.TARGETS, "targets").addParameter(TypeName.INT, "n").addParameter(Types.FLOATS, "grad");
        if (labels()) {
            loss.beginControlFlow("if (targets instanceof $T.Labels l)", Types.TARGETS)
                    .addStatement("return loss.loss($L, l.labels(), $L, grad)", trained, rows == 1 ? "n" : "n * " + rows)
                    .endControlFlow();
        }
        loss.addStatement("return loss.loss($L, (($T.Values) targets).values(), $L, grad)", trained, Types.TARGETS,
                rows == 1 ? "n" : "n * " + rows);
        cls.addMethod(loss.build());

        cls.addMethod(MethodSpec.methodBuilder("checkOutput").addModifiers(Modifier.PRIVATE)
                .addParameter(Types.FLOATS, "out").addParameter(TypeName.INT, "n")
                .beginControlFlow("if (out.length < n * OUTPUT_SIZE)")
                .addStatement("throw new $T($S + out.length + $S + n + $S + (n * OUTPUT_SIZE))",
                        IllegalArgumentException.class, "the output array has ", " values; ", " samples need ")
                .endControlFlow().build());

        MethodSpec.Builder write = MethodSpec.methodBuilder("writeOutput").addModifiers(Modifier.PRIVATE)
                .addJavadoc("The model's output: the trained output$L.\n", plan.fused().isLinear() ? ""
                        : " with the final " + plan.fused() + " the loss fused")
                .addParameter(TypeName.INT, "n").addParameter(Types.FLOATS, "out")
                .addStatement("System.arraycopy($L, 0, out, 0, n * OUTPUT_SIZE)", trained);
        if (plan.fused().kind() == Activation.Kind.SOFTMAX) {
            long c = plan.trainedShape().channels();
            write.beginControlFlow("for (int r = 0; r < $L; r++)", rows == 1 ? "n" : "n * " + rows)
                    .addStatement("softmax(out, r * $L, $L)", c, c)
                    .endControlFlow();
        } else if (plan.fused().kind() == Activation.Kind.SIGMOID) {
            write.beginControlFlow("for (int j = 0; j < n * OUTPUT_SIZE; j++)")
                    .addStatement("out[j] = (float) (1.0 / (1.0 + Math.exp(-out[j])))")
                    .endControlFlow();
        }
        cls.addMethod(write.build());

        TrainSpec spec = net.train().orElseGet(TrainSpec::defaults);
        MethodSpec.Builder opt = MethodSpec.methodBuilder("defaultOptimizer")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC).returns(Types.OPTIMIZER)
                .addJavadoc("The {@code train {}} section's optimizer ($L).\n",
                        spec.optimizer() instanceof TrainSpec.Sgd ? "SGD" : "Adam")
                .addParameter(Types.PARAM_LAYOUT, "layout");
        if (spec.optimizer() instanceof TrainSpec.Sgd s) {
            opt.addStatement("return new $T(layout, new $T.Config($L, 0.0, $L, $L))", Types.SGD, Types.SGD, s.momentum(),
                    s.weightDecay(), s.nesterov());
        } else {
            TrainSpec.Adam a = (TrainSpec.Adam) spec.optimizer();
            opt.addStatement("return new $T(layout, new $T.Config($L, $L, 1e-8, $L, false))", Types.ADAM, Types.ADAM,
                    a.beta1(), a.beta2(), a.weightDecay());
        }
        cls.addMethod(opt.build());
        cls.addMethod(MethodSpec.methodBuilder("rebuild").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(Types.OPTIMIZER)
                .addJavadoc("The same optimizer on a layout with other frozen marks, its state carried over.\n")
                .addParameter(Types.OPTIMIZER, "old").addParameter(Types.PARAM_LAYOUT, "layout")
                .addStatement("$T next = old instanceof $T s ? new $T(layout, s.config()) : new $T(layout, (($T) old).config())",
                        Types.OPTIMIZER, Types.SGD, Types.SGD, Types.ADAM, Types.ADAM)
                .addStatement("next.loadState(old.state())")
                .addStatement("return next").build());
    }

    private static MethodSpec.Builder override(String name, TypeName returns) {
        return TrainerWriter.method(name, returns, true);
    }
}
