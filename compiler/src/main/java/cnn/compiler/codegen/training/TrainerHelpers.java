package cnn.compiler.codegen.training;

import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Op;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import javax.lang.model.element.Modifier;

/** The small static methods a trainer shares between its layers: softmax, dropout masks, weight packing. */
final class TrainerHelpers {

    private TrainerHelpers() {
    }

    static void write(TrainerWriter w, TypeSpec.Builder cls) {
        ElementType t = w.type;
        String k = t.keyword();
        boolean softmax = w.plan.fused().kind() == Activation.Kind.SOFTMAX && w.isFloat()
                || w.steps.stream().anyMatch(c -> c.step().activation().kind() == Activation.Kind.SOFTMAX);
        if (softmax) {
            cls.addMethod(MethodSpec.methodBuilder("softmax").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .addJavadoc("Softmax in place over {@code a[off .. off+n)}, the maximum subtracted first.\n")
                    .addParameter(t.array(), "a").addParameter(TypeName.INT, "off").addParameter(TypeName.INT, "n")
                    .addStatement("$L max = $L", k, t.negativeInfinity())
                    .beginControlFlow("for (int i = off; i < off + n; i++)")
                    .addStatement("max = Math.max(max, a[i])")
                    .endControlFlow()
                    .addStatement("double sum = 0")
                    .beginControlFlow("for (int i = off; i < off + n; i++)")
                    .addStatement("$L e = $L", k, t.fromDouble("Math.exp(a[i] - max)"))
                    .addStatement("a[i] = e")
                    .addStatement("sum += e")
                    .endControlFlow()
                    .addStatement("$L inv = $L", k, t.fromDouble("1.0 / sum"))
                    .beginControlFlow("for (int i = off; i < off + n; i++)")
                    .addStatement("a[i] *= inv")
                    .endControlFlow().build());
        }
        if (w.steps.stream().anyMatch(c -> c.step().activation().kind() == Activation.Kind.SOFTMAX)) {
            cls.addMethod(MethodSpec.methodBuilder("softmaxBackward").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .addJavadoc("In place on {@code d}: {@code y·(d − Σ d·y)} over one softmax row.\n")
                    .addParameter(t.array(), "y").addParameter(t.array(), "d").addParameter(TypeName.INT, "off")
                    .addParameter(TypeName.INT, "n")
                    .addStatement("double dot = 0")
                    .beginControlFlow("for (int i = off; i < off + n; i++)")
                    .addStatement("dot += d[i] * y[i]")
                    .endControlFlow()
                    .addStatement("$L dt = $L", k, t.fromDouble("dot"))
                    .beginControlFlow("for (int i = off; i < off + n; i++)")
                    .addStatement("d[i] = y[i] * (d[i] - dt)")
                    .endControlFlow().build());
        }
        if (w.steps.stream().anyMatch(c -> c.node().op() instanceof Op.Dropout)) {
            cls.addMethod(MethodSpec.methodBuilder("mix").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .addJavadoc("SplitMix64's finaliser: every input bit moves every output bit.\n")
                    .returns(TypeName.LONG).addParameter(TypeName.LONG, "z")
                    .addStatement("z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L")
                    .addStatement("z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL")
                    .addStatement("return z ^ (z >>> 31)").build());
            cls.addMethod(MethodSpec.methodBuilder("dropoutBase").addModifiers(Modifier.PRIVATE)
                    .addJavadoc("The hash of (seed, training pass, layer, sample) that a mask's values continue.\n")
                    .returns(TypeName.LONG).addParameter(TypeName.LONG, "salt").addParameter(TypeName.INT, "s")
                    .addStatement("return mix(mix(mix(seed ^ salt) + dropoutStep) + s)").build());
            cls.addMethod(MethodSpec.methodBuilder("kept").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .addJavadoc("Value {@code j} survives dropout: a uniform draw in [0, 1) at or above the rate.\n")
                    .returns(TypeName.BOOLEAN).addParameter(TypeName.LONG, "base").addParameter(TypeName.INT, "j")
                    .addParameter(TypeName.DOUBLE, "rate")
                    .addStatement("return (mix(base + (j + 1L) * 0x9e3779b97f4a7c15L) >>> 11) * 0x1.0p-53 >= rate")
                    .build());
        }
        String cast = w.isFloat() ? "" : "(float) ";
        cls.addMethod(MethodSpec.methodBuilder("pack").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addJavadoc("{@code [out][in][kh][kw]} into {@code p[off ..]} as {@code [kh][kw][in][out]}.\n")
                .addParameter(Types.FLOATS, "w").addParameter(t.array(), "p").addParameter(TypeName.INT, "off")
                .addParameter(TypeName.INT, "out").addParameter(TypeName.INT, "in").addParameter(TypeName.INT, "kh")
                .addParameter(TypeName.INT, "kw")
                .beginControlFlow("for (int o = 0; o < out; o++)")
                .beginControlFlow("for (int i = 0; i < in; i++)")
                .beginControlFlow("for (int y = 0; y < kh; y++)")
                .beginControlFlow("for (int x = 0; x < kw; x++)")
                .addStatement("p[off + ((y * kw + x) * in + i) * out + o] = w[((o * in + i) * kh + y) * kw + x]")
                .endControlFlow().endControlFlow().endControlFlow().endControlFlow().build());
        cls.addMethod(MethodSpec.methodBuilder("unpack").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addJavadoc("The inverse of {@link #pack}, into a new array.\n")
                .returns(Types.FLOATS)
                .addParameter(t.array(), "p").addParameter(TypeName.INT, "off")
                .addParameter(TypeName.INT, "out").addParameter(TypeName.INT, "in").addParameter(TypeName.INT, "kh")
                .addParameter(TypeName.INT, "kw")
                .addStatement("float[] w = new float[out * in * kh * kw]")
                .beginControlFlow("for (int o = 0; o < out; o++)")
                .beginControlFlow("for (int i = 0; i < in; i++)")
                .beginControlFlow("for (int y = 0; y < kh; y++)")
                .beginControlFlow("for (int x = 0; x < kw; x++)")
                .addStatement("w[((o * in + i) * kh + y) * kw + x] = $Lp[off + ((y * kw + x) * in + i) * out + o]", cast)
                .endControlFlow().endControlFlow().endControlFlow().endControlFlow()
                .addStatement("return w").build());
        MethodSpec.Builder in = MethodSpec.methodBuilder("copyIn").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(Types.FLOATS, "src").addParameter(t.array(), "dst").addParameter(TypeName.INT, "off");
        MethodSpec.Builder out = MethodSpec.methodBuilder("copyOut").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(Types.FLOATS)
                .addParameter(t.array(), "src").addParameter(TypeName.INT, "off").addParameter(TypeName.INT, "len");
        if (w.isFloat()) {
            in.addStatement("System.arraycopy(src, 0, dst, off, src.length)");
            out.addStatement("return $T.copyOfRange(src, off, off + len)", Types.ARRAYS);
        } else {
            in.beginControlFlow("for (int i = 0; i < src.length; i++)").addStatement("dst[off + i] = src[i]")
                    .endControlFlow();
            out.addStatement("float[] v = new float[len]")
                    .beginControlFlow("for (int i = 0; i < len; i++)").addStatement("v[i] = (float) src[off + i]")
                    .endControlFlow()
                    .addStatement("return v");
        }
        cls.addMethod(in.build());
        cls.addMethod(out.build());
    }
}
