package cnn.compiler.codegen.training;

import cnn.compiler.codegen.Expr;
import cnn.compiler.graph.Node;
import cnn.compiler.lower.training.ParamTensor;
import cnn.compiler.lower.training.TrainStep;
import cnn.compiler.lower.training.TrainingPlan;
import com.palantir.javapoet.CodeBlock;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What an emitter knows about the step it writes. In the generated per-sample methods the
 * sample index is {@code s}; the arrays are locals: inputs {@code x} (or {@code x0, x1, …}),
 * output {@code y}, pre-activation {@code z}, parameters {@code p}, and in the backward pass the
 * gradients {@code dy}, {@code dx} (or {@code dx0, …}) and the chunk's weight gradients {@code gw}.
 */
record StepContext(TrainStep step, TrainingPlan plan, Names names, ElementType type, Predicate<String> hasGradient) {

    Node node() {
        return step.node();
    }

    int inputs() {
        return step.inputs().size();
    }

    String x(int k) {
        return inputs() == 1 ? "x" : "x" + k;
    }

    String dx(int k) {
        return inputs() == 1 ? "dx" : "dx" + k;
    }

    String input(int k) {
        return step.inputs().get(k);
    }

    int inSize(int k) {
        return plan.tensors().get(input(k));
    }

    int outSize() {
        return plan.tensors().get(step.output());
    }

    /** The first index of sample {@code s} in input {@code k}. */
    String inBase(int k) {
        return Expr.times("s", inSize(k));
    }

    String outBase() {
        return Expr.times("s", outSize());
    }

    /** Input {@code k} has a gradient buffer (every tensor but the network's input, unless asked for). */
    boolean hasInputGradient(int k) {
        return hasGradient.test(input(k));
    }

    boolean assigns(int k) {
        return step.assignsGradient().get(k);
    }

    /** The run-time test that input {@code k}'s gradient is wanted (some trainable layer lies before it). */
    CodeBlock needsGradient(int k) {
        return CodeBlock.of("needGrad[$L]", names.tensorIndex(input(k)));
    }

    /** The run-time test that this step's weights are trained. */
    CodeBlock trains() {
        return CodeBlock.of("!frozen[$L]", step.layer().orElseThrow().index());
    }

    Optional<ParamTensor> param(String suffix) {
        return step.layer().flatMap(l -> l.tensors().stream()
                .filter(t -> t.name().equals(l.name() + "." + suffix)).findFirst());
    }

    String lit(double v) {
        return type.literal(v);
    }

    String zero() {
        return type.literal(0);
    }
}
