package cnn.compiler.codegen.training;

import cnn.compiler.codegen.Expr;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.Shape;
import com.palantir.javapoet.CodeBlock;

/**
 * Batch normalisation. In training mode a barrier before the per-sample pass computes the batch
 * mean and (biased) variance per channel over every sample and pixel, in double, in a fixed
 * order, and moves the running statistics like PyTorch: {@code r = (1 − momentum)·r +
 * momentum·batch}, with the unbiased variance for {@code running_var}. In inference mode, and
 * when the layer is frozen, it normalises with the running statistics instead and leaves them be.
 *
 * <p>Backward, a barrier sums {@code dy} and {@code dy·x̂} per channel over the batch (the scale
 * and shift gradients), then each sample's input gradient is
 * {@code γ/σ · (dy − mean(dy) − x̂·mean(dy·x̂))}; frozen, it is {@code γ/σ · dy}.
 * Per-layer fields: {@code mean_<id>} and {@code istd_<id>} (the statistics in use),
 * {@code coef_<id>} ({@code [γ/σ, mean(dy), mean(dy·x̂)]} per channel) and the running statistics.
 */
final class NormEmitter implements StepEmitter {

    static int channels(StepContext c) {
        return Math.toIntExact(c.node().inputShape().channels());
    }

    static int pixels(StepContext c) {
        Shape.Grid g = Geometry.grid(c.node().inputShape());
        return Math.toIntExact(g.h() * g.w());
    }

    private static String field(StepContext c, String prefix) {
        return prefix + "_" + c.names().id(c.node().name());
    }

    @Override
    public CodeBlock forward(StepContext c) {
        int ch = channels(c);
        int gamma = c.param("weight").orElseThrow().offset();
        int beta = c.param("bias").orElseThrow().offset();
        CodeBlock.Builder b = CodeBlock.builder();
        b.addStatement("$L[] mean = $L", c.type().keyword(), field(c, "mean"));
        b.addStatement("$L[] istd = $L", c.type().keyword(), field(c, "istd"));
        pixelLoop(b, c, () -> {
            b.beginControlFlow("for (int c = 0; c < $L; c++)", ch);
            b.addStatement("y[o + c] = (x[i + c] - mean[c]) * istd[c] * p[$L] + p[$L]", Expr.sum(Expr.literal(gamma), "c"),
                    Expr.sum(Expr.literal(beta), "c"));
            b.endControlFlow();
        });
        return b.build();
    }

    /** The barrier before the per-sample forward pass: the statistics to normalise with. */
    CodeBlock statistics(StepContext c) {
        int ch = channels(c);
        int pixels = pixels(c);
        Op.BatchNorm bn = (Op.BatchNorm) c.node().op();
        String t = c.type().keyword();
        CodeBlock.Builder b = CodeBlock.builder();
        b.addStatement("$L[] mean = $L", t, field(c, "mean"));
        b.addStatement("$L[] istd = $L", t, field(c, "istd"));
        b.addStatement("$L[] runningMean = $L", t, field(c, "runningMean"));
        b.addStatement("$L[] runningVar = $L", t, field(c, "runningVar"));
        b.beginControlFlow("if (!training || frozen[$L])", c.step().layer().orElseThrow().index());
        b.beginControlFlow("for (int c = 0; c < $L; c++)", ch);
        b.addStatement("mean[c] = runningMean[c]");
        b.addStatement("istd[c] = $L", c.type().fromDouble("1.0 / Math.sqrt(runningVar[c] + " + bn.eps() + ")"));
        b.endControlFlow();
        b.addStatement("return");
        b.endControlFlow();
        b.addStatement("long m = (long) n * $L", pixels);
        b.beginControlFlow("if (m < 2)");
        b.addStatement("throw new $T($S + n + $S)", IllegalArgumentException.class, "batchnorm " + c.node().name()
                + ": training needs more than one value per channel, got a batch of ", " on a "
                + c.node().inputShape() + " input; train with larger batches");
        b.endControlFlow();
        b.addStatement("final $L[] x = $L", t, c.names().act(c.input(0)));
        b.addStatement("double[] sum = $L", field(c, "sum"));
        b.addStatement("$T.fill(sum, 0.0)", ARRAYS);
        sampleLoop(b, c, ch, () -> b.addStatement("sum[c] += x[i + c]"));
        b.beginControlFlow("for (int c = 0; c < $L; c++)", ch);
        b.addStatement("sum[c] /= m");
        b.addStatement("sum[$L + c] = 0.0", ch);
        b.endControlFlow();
        sampleLoop(b, c, ch, () -> {
            b.addStatement("double d = x[i + c] - sum[c]");
            b.addStatement("sum[$L + c] += d * d", ch);
        });
        b.beginControlFlow("for (int c = 0; c < $L; c++)", ch);
        b.addStatement("double mu = sum[c]");
        b.addStatement("double var = sum[$L + c] / m", ch);
        b.addStatement("mean[c] = $L", c.type().fromDouble("mu"));
        b.addStatement("istd[c] = $L", c.type().fromDouble("1.0 / Math.sqrt(var + " + bn.eps() + ")"));
        b.addStatement("runningMean[c] = $L", c.type().fromDouble((1 - bn.momentum()) + " * runningMean[c] + "
                + bn.momentum() + " * mu"));
        b.addStatement("runningVar[c] = $L", c.type().fromDouble((1 - bn.momentum()) + " * runningVar[c] + "
                + bn.momentum() + " * var * m / (m - 1)"));
        b.endControlFlow();
        return b.build();
    }

    /** The barrier before the per-sample backward pass: the batch sums, and the scale and shift gradients. */
    CodeBlock sums(StepContext c) {
        int ch = channels(c);
        int gamma = c.param("weight").orElseThrow().offset();
        int beta = c.param("bias").orElseThrow().offset();
        String t = c.type().keyword();
        CodeBlock.Builder b = CodeBlock.builder();
        b.addStatement("$L[] mean = $L", t, field(c, "mean"));
        b.addStatement("$L[] istd = $L", t, field(c, "istd"));
        b.addStatement("$L[] coef = $L", t, field(c, "coef"));
        b.addStatement("final $L[] p = this.p", t);
        b.beginControlFlow("if (frozen[$L])", c.step().layer().orElseThrow().index());
        b.beginControlFlow("for (int c = 0; c < $L; c++)", ch);
        b.addStatement("coef[c] = p[$L] * istd[c]", Expr.sum(Expr.literal(gamma), "c"));
        b.addStatement("coef[$L + c] = $L", ch, c.zero());
        b.addStatement("coef[$L + c] = $L", 2 * ch, c.zero());
        b.endControlFlow();
        b.addStatement("return");
        b.endControlFlow();
        b.addStatement("final $L[] x = $L", t, c.names().act(c.input(0)));
        b.addStatement("final $L[] dy = $L", t, c.names().grad(c.step().output()));
        b.addStatement("double[] sum = $L", field(c, "sum"));
        b.addStatement("$T.fill(sum, 0.0)", ARRAYS);
        sampleLoop(b, c, ch, () -> {
            b.addStatement("double d = dy[i + c]");
            b.addStatement("sum[c] += d");
            b.addStatement("sum[$L + c] += d * ((x[i + c] - mean[c]) * istd[c])", ch);
        });
        b.addStatement("double m = (double) n * $L", pixels(c));
        b.beginControlFlow("for (int c = 0; c < $L; c++)", ch);
        b.add("// the scale and shift gradients: written once, by this barrier\n");
        b.addStatement("g[$L] = $L", Expr.sum(Expr.literal(gamma), "c"), c.type().fromDouble("sum[" + ch + " + c]"));
        b.addStatement("g[$L] = $L", Expr.sum(Expr.literal(beta), "c"), c.type().fromDouble("sum[c]"));
        b.addStatement("coef[c] = p[$L] * istd[c]", Expr.sum(Expr.literal(gamma), "c"));
        b.addStatement("coef[$L + c] = $L", ch, c.type().fromDouble("sum[c] / m"));
        b.addStatement("coef[$L + c] = $L", 2 * ch, c.type().fromDouble("sum[" + ch + " + c] / m"));
        b.endControlFlow();
        return b.build();
    }

    @Override
    public CodeBlock backward(StepContext c) {
        CodeBlock.Builder b = CodeBlock.builder();
        if (!c.hasInputGradient(0)) {
            return b.build();
        }
        int ch = channels(c);
        b.beginControlFlow("if ($L)", c.needsGradient(0));
        b.addStatement("$L[] mean = $L", c.type().keyword(), field(c, "mean"));
        b.addStatement("$L[] istd = $L", c.type().keyword(), field(c, "istd"));
        b.addStatement("$L[] coef = $L", c.type().keyword(), field(c, "coef"));
        pixelLoop(b, c, () -> {
            b.beginControlFlow("for (int c = 0; c < $L; c++)", ch);
            b.addStatement("$L xhat = (x[i + c] - mean[c]) * istd[c]", c.type().keyword());
            b.addStatement(StepEmitter.write(c, 0, "i + c",
                    "coef[c] * (dy[o + c] - coef[" + ch + " + c] - xhat * coef[" + 2 * ch + " + c])"));
            b.endControlFlow();
        });
        return b.endControlFlow().build();
    }

    /** One sample's pixels, with {@code i} and {@code o} the pixel's first index in the input and output. */
    private static void pixelLoop(CodeBlock.Builder b, StepContext c, Runnable body) {
        int ch = channels(c);
        int pixels = pixels(c);
        if (pixels > 1) {
            b.beginControlFlow("for (int q = 0; q < $L; q++)", pixels);
        }
        b.addStatement("int i = $L", Expr.sum(c.inBase(0), pixels > 1 ? Expr.times("q", ch) : "0"));
        b.addStatement("int o = $L", Expr.sum(c.outBase(), pixels > 1 ? Expr.times("q", ch) : "0"));
        body.run();
        if (pixels > 1) {
            b.endControlFlow();
        }
    }

    /** Every value of the batch, samples then pixels then channels, with {@code i + c} its index. */
    private static void sampleLoop(CodeBlock.Builder b, StepContext c, int ch, Runnable body) {
        b.beginControlFlow("for (int s = 0; s < n; s++)");
        int pixels = pixels(c);
        if (pixels > 1) {
            b.beginControlFlow("for (int q = 0; q < $L; q++)", pixels);
        }
        b.addStatement("int i = $L", Expr.sum(c.inBase(0), pixels > 1 ? Expr.times("q", ch) : "0"));
        b.beginControlFlow("for (int c = 0; c < $L; c++)", ch);
        body.run();
        b.endControlFlow();
        if (pixels > 1) {
            b.endControlFlow();
        }
        b.endControlFlow();
    }
}
