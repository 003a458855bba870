package cnn.compiler.codegen.training;

import cnn.compiler.codegen.ConvGeometry;
import cnn.compiler.codegen.Expr;
import cnn.compiler.lower.training.ParamTensor;
import com.palantir.javapoet.CodeBlock;
import java.util.Optional;

/**
 * Convolution, depthwise convolution and dense layers: one windowed multiply-add over weights
 * packed {@code [kh][kw][in/groups][out]} (a dense layer is 1x1 on a 1x1 map, a depthwise
 * layer has one input channel per group), so the innermost loop runs over output channels with
 * unit stride. Backward: the weight gradient is the same loop nest with the roles swapped
 * ({@code gw[k] += x·dy}); the input gradient scatters {@code w·dy} back over each window.
 *
 * <p>These loops run in double trainers (the finite-difference tests), for depthwise and grouped
 * convolutions, and nowhere else: a float trainer's convolutions with one group and dense layers
 * call the runtime kernels ({@link KernelLayerWriter}).
 */
final class LinearEmitter implements StepEmitter {

    @Override
    public CodeBlock forward(StepContext c) {
        ConvGeometry g = Geometry.of(c.node());
        int w0 = c.param("weight").orElseThrow().offset();
        Optional<ParamTensor> bias = c.param("bias");
        CodeBlock.Builder b = CodeBlock.builder();
        if (g.isPointwise() && g.groups() == 1) {
            pixels(b, g, c, () -> {
                initOutput(b, g, c, bias);
                b.beginControlFlow("for (int ci = 0; ci < $L; ci++)", g.cin());
                b.addStatement("$L a = x[i + ci]", c.type().keyword());
                b.addStatement("int r = $L", Expr.sum(Expr.literal(w0), Expr.times("ci", g.cout())));
                b.beginControlFlow("for (int co = 0; co < $L; co++)", g.cout());
                b.addStatement("y[o + co] += a * p[r + co]");
                b.endControlFlow();
                b.endControlFlow();
            });
            return b.build();
        }
        b.add(WindowLoops.emit(g, g.cin(), g.cout(), c.inBase(0), c.outBase(), null, new WindowLoops.PixelBody() {
            @Override
            public void before(CodeBlock.Builder in) {
                initOutput(in, g, c, bias);
            }

            @Override
            public void perInputPixel(CodeBlock.Builder in) {
                windowOffset(in, g, w0);
                multiplyAdd(in, g, c, "y", "o", "p", "x", "i");
            }
        }));
        return b.build();
    }

    @Override
    public CodeBlock backward(StepContext c) {
        ConvGeometry g = Geometry.of(c.node());
        int w0 = c.param("weight").orElseThrow().offset();
        Optional<ParamTensor> bias = c.param("bias");
        CodeBlock.Builder b = CodeBlock.builder();
        b.beginControlFlow("if ($L)", c.trains());
        b.add("// weight gradients: gw[k] += x · dy over every window\n");
        if (g.isPointwise() && g.groups() == 1) {
            pixels(b, g, c, () -> {
                biasGradient(b, g, bias);
                b.beginControlFlow("for (int ci = 0; ci < $L; ci++)", g.cin());
                b.addStatement("$L a = x[i + ci]", c.type().keyword());
                b.addStatement("int r = $L", Expr.sum(Expr.literal(w0), Expr.times("ci", g.cout())));
                b.beginControlFlow("for (int co = 0; co < $L; co++)", g.cout());
                b.addStatement("gw[r + co] += a * dy[o + co]");
                b.endControlFlow();
                b.endControlFlow();
            });
        } else {
            b.add(WindowLoops.emit(g, g.cin(), g.cout(), c.inBase(0), c.outBase(), null, new WindowLoops.PixelBody() {
                @Override
                public void before(CodeBlock.Builder in) {
                    biasGradient(in, g, bias);
                }

                @Override
                public void perInputPixel(CodeBlock.Builder in) {
                    windowOffset(in, g, w0);
                    multiplyAdd(in, g, c, "dy", "o", "gw", "x", "i");
                }
            }));
        }
        b.endControlFlow();
        if (!c.hasInputGradient(0)) {
            return b.build();
        }
        b.beginControlFlow("if ($L)", c.needsGradient(0));
        b.add("// input gradient: dx += w · dy, scattered over every window\n");
        if (g.isPointwise() && g.groups() == 1) {
            // each input pixel feeds exactly one output pixel: write it once
            pixels(b, g, c, () -> {
                b.beginControlFlow("for (int ci = 0; ci < $L; ci++)", g.cin());
                b.addStatement("int r = $L", Expr.sum(Expr.literal(w0), Expr.times("ci", g.cout())));
                dot(b, c, g.cout(), "o");
                b.addStatement(StepEmitter.write(c, 0, "i + ci", "acc"));
                b.endControlFlow();
            });
        } else {
            StepEmitter.clearIfFirst(b, c, 0);
            b.add(WindowLoops.emit(g, g.cin(), g.cout(), c.inBase(0), c.outBase(), null, new WindowLoops.PixelBody() {
                @Override
                public void perInputPixel(CodeBlock.Builder in) {
                    windowOffset(in, g, w0);
                    inputGradient(in, g, c);
                }
            }));
        }
        b.endControlFlow();
        return b.build();
    }

    /** The pixel loop of a pointwise layer, with {@code i} and {@code o} the pixel's first input and output index. */
    private static void pixels(CodeBlock.Builder b, ConvGeometry g, StepContext c, Runnable body) {
        int pixels = g.h() * g.w();
        if (pixels > 1) {
            b.beginControlFlow("for (int q = 0; q < $L; q++)", pixels);
        }
        b.addStatement("int i = $L", Expr.sum(c.inBase(0), pixels > 1 ? Expr.times("q", g.cin()) : "0"));
        b.addStatement("int o = $L", Expr.sum(c.outBase(), pixels > 1 ? Expr.times("q", g.cout()) : "0"));
        body.run();
        if (pixels > 1) {
            b.endControlFlow();
        }
    }

    private static void initOutput(CodeBlock.Builder b, ConvGeometry g, StepContext c, Optional<ParamTensor> bias) {
        b.beginControlFlow("for (int co = 0; co < $L; co++)", g.cout());
        if (bias.isPresent()) {
            b.addStatement("y[o + co] = p[$L]", Expr.sum(Expr.literal(bias.get().offset()), "co"));
        } else {
            b.addStatement("y[o + co] = $L", c.zero());
        }
        b.endControlFlow();
    }

    private static void biasGradient(CodeBlock.Builder b, ConvGeometry g, Optional<ParamTensor> bias) {
        if (bias.isEmpty()) {
            return;
        }
        b.beginControlFlow("for (int co = 0; co < $L; co++)", g.cout());
        b.addStatement("gw[$L] += dy[o + co]", Expr.sum(Expr.literal(bias.get().offset()), "co"));
        b.endControlFlow();
    }

    /** {@code k}: the packed weights of window position (ky, kx). */
    private static void windowOffset(CodeBlock.Builder b, ConvGeometry g, int w0) {
        b.addStatement("int k = $L", Expr.sum(Expr.literal(w0), Expr.times(Expr.group(Expr.sum(Expr.times("ky", g.kw()), "kx")),
                (long) g.cinPerGroup() * g.cout())));
    }

    /**
     * {@code acc[ao + co] += src[si + ci] · w[k + ci·cout + co]} per group: the forward pass with
     * {@code acc = y, w = p}, and the weight gradient with the output gradient as the weights
     * ({@code acc = gw}: {@code gw[k + …] += x · dy}).
     */
    private static void multiplyAdd(CodeBlock.Builder b, ConvGeometry g, StepContext c, String out, String ob, String w,
                                    String src, String si) {
        boolean gradient = w.equals("gw");
        if (g.cinPerGroup() == 1 && g.coutPerGroup() == 1) {
            b.beginControlFlow("for (int c = 0; c < $L; c++)", g.cin());
            b.addStatement(gradient ? "gw[k + c] += $L[$L + c] * dy[o + c]" : "y[o + c] += $L[$L + c] * p[k + c]",
                    src, si);
            b.endControlFlow();
            return;
        }
        if (g.groups() == 1) {
            b.beginControlFlow("for (int ci = 0; ci < $L; ci++)", g.cin());
            b.addStatement("$L a = $L[$L + ci]", c.type().keyword(), src, si);
            b.addStatement("int r = $L", Expr.sum("k", Expr.times("ci", g.cout())));
            b.beginControlFlow("for (int co = 0; co < $L; co++)", g.cout());
            b.addStatement(gradient ? "gw[r + co] += a * dy[o + co]" : "y[o + co] += a * p[r + co]");
            b.endControlFlow();
            b.endControlFlow();
            return;
        }
        b.beginControlFlow("for (int gr = 0; gr < $L; gr++)", g.groups());
        b.addStatement("int og = $L", Expr.sum("o", Expr.times("gr", g.coutPerGroup())));
        b.beginControlFlow("for (int ci = 0; ci < $L; ci++)", g.cinPerGroup());
        b.addStatement("$L a = $L[$L]", c.type().keyword(), src, Expr.sum(si, Expr.times("gr", g.cinPerGroup()), "ci"));
        b.addStatement("int r = $L", Expr.sum("k", Expr.times("ci", g.cout()), Expr.times("gr", g.coutPerGroup())));
        b.beginControlFlow("for (int co = 0; co < $L; co++)", g.coutPerGroup());
        b.addStatement(gradient ? "gw[r + co] += a * dy[og + co]" : "y[og + co] += a * p[r + co]");
        b.endControlFlow();
        b.endControlFlow();
        b.endControlFlow();
    }

    /**
     * {@code acc = Σ_co p[r + co] · dy[ob + co]} for {@code co < n}. A single running sum would make
     * every add wait for the one before (a float sum cannot be reordered by the JIT); four
     * partial sums over interleaved terms let four run at once.
     */
    private static void dot(CodeBlock.Builder b, StepContext c, int n, String ob) {
        String t = c.type().keyword();
        if (n < 8) {
            b.addStatement("$L acc = $L", t, c.zero());
            b.beginControlFlow("for (int co = 0; co < $L; co++)", n);
            b.addStatement("acc += p[r + co] * dy[$L + co]", ob);
            b.endControlFlow();
            return;
        }
        b.addStatement("$L a0 = $L, a1 = $L, a2 = $L, a3 = $L", t, c.zero(), c.zero(), c.zero(), c.zero());
        int whole = n - n % 4;
        b.beginControlFlow("for (int co = 0; co < $L; co += 4)", whole);
        for (int j = 0; j < 4; j++) {
            String off = j == 0 ? "co" : "co + " + j;
            b.addStatement("a$L += p[r + $L] * dy[$L + $L]", j, off, ob, off);
        }
        b.endControlFlow();
        for (int co = whole; co < n; co++) {
            b.addStatement("a$L += p[r + $L] * dy[$L + $L]", co - whole, co, ob, co);
        }
        b.addStatement("$L acc = (a0 + a1) + (a2 + a3)", t);
    }

    /** {@code dx[i + ci] += Σ_co w[k + ci·cout + co] · dy[o + co]}, per group. */
    private static void inputGradient(CodeBlock.Builder b, ConvGeometry g, StepContext c) {
        String dx = c.dx(0);
        if (g.cinPerGroup() == 1 && g.coutPerGroup() == 1) {
            b.beginControlFlow("for (int c = 0; c < $L; c++)", g.cin());
            b.addStatement("$L[i + c] += p[k + c] * dy[o + c]", dx);
            b.endControlFlow();
            return;
        }
        if (g.groups() == 1) {
            b.beginControlFlow("for (int ci = 0; ci < $L; ci++)", g.cin());
            b.addStatement("int r = $L", Expr.sum("k", Expr.times("ci", g.cout())));
            dot(b, c, g.cout(), "o");
            b.addStatement("$L[i + ci] += acc", dx);
            b.endControlFlow();
            return;
        }
        b.beginControlFlow("for (int gr = 0; gr < $L; gr++)", g.groups());
        b.addStatement("int og = $L", Expr.sum("o", Expr.times("gr", g.coutPerGroup())));
        b.beginControlFlow("for (int ci = 0; ci < $L; ci++)", g.cinPerGroup());
        b.addStatement("int r = $L", Expr.sum("k", Expr.times("ci", g.cout()), Expr.times("gr", g.coutPerGroup())));
        dot(b, c, g.coutPerGroup(), "og");
        b.addStatement("$L[$L] += acc", dx, Expr.sum("i", Expr.times("gr", g.cinPerGroup()), "ci"));
        b.endControlFlow();
        b.endControlFlow();
    }
}
