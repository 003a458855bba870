package cnn.compiler.codegen;

import com.palantir.javapoet.CodeBlock;

/**
 * The inner product every weighted layer shares: for each input channel {@code ci}, add
 * {@code in[ci] · w[row ci]} into a run of outputs. Four input channels are taken per pass so
 * each output is loaded and stored once per four multiply-adds; on JDK 17 this loop runs as
 * scalar code (the JIT cannot prove {@code out} and {@code w} apart), where that halves the
 * time. A later vectorised kernel replaces this one place.
 */
final class MultiplyAdd {

    private static final int UNROLL = 4;

    private MultiplyAdd() {
    }

    /**
     * {@code for ci < channels: for co < count: out[outBase + co] += in[inBase + ci] · w[wBase + ci·rowStride + co]}.
     *
     * @param inBase  input index of channel 0 (an expression, or "0")
     * @param wBase   weight index of channel 0's row
     * @param outBase output index of the first output ("0" for none)
     */
    static void emit(CodeBlock.Builder c, String in, String inBase, String wBase, long channels, long rowStride,
                     long count, String outBase) {
        long main = channels - channels % UNROLL;
        String outIndex = Expr.sum(outBase, "co");
        if (main > 0) {
            c.beginControlFlow("for (int ci = 0; ci < $L; ci += $L)", main, UNROLL);
            for (int u = 0; u < UNROLL; u++) {
                c.addStatement("float a$L = $L[$L]", u, in, Expr.sum(inBase, "ci", Expr.literal(u)));
            }
            c.addStatement("int r = $L", Expr.sum(wBase, Expr.times("ci", rowStride)));
            c.beginControlFlow("for (int co = 0; co < $L; co++)", count);
            StringBuilder sum = new StringBuilder();
            for (int u = 0; u < UNROLL; u++) {
                sum.append(u == 0 ? "" : " + ").append("a").append(u).append(" * w[")
                        .append(Expr.sum("r", Expr.literal(u * rowStride), "co")).append("]");
            }
            c.addStatement("out[$L] += $L", outIndex, sum);
            c.endControlFlow();
            c.endControlFlow();
        }
        if (channels > main) {
            c.beginControlFlow("for (int ci = $L; ci < $L; ci++)", main, channels);
            c.addStatement("float a = $L[$L]", in, Expr.sum(inBase, "ci"));
            c.addStatement("int r = $L", Expr.sum(wBase, Expr.times("ci", rowStride)));
            c.beginControlFlow("for (int co = 0; co < $L; co++)", count);
            c.addStatement("out[$L] += a * w[r + co]", outIndex);
            c.endControlFlow();
            c.endControlFlow();
        }
    }
}
