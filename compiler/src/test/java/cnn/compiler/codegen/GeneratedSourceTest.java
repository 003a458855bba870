package cnn.compiler.codegen;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Init;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.PadSpec;
import cnn.compiler.graph.Padding;
import cnn.compiler.graph.Window;
import cnn.compiler.testing.Jit;
import cnn.compiler.testing.Ops;
import cnn.compiler.testing.Reference;
import cnn.compiler.testing.TestNet;
import cnn.runtime.model.Model;
import cnn.runtime.model.ModelFactory;
import cnn.runtime.model.TensorInfo;
import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.ForStmt;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The generated source as source: it compiles without a single warning under
 * {@code -Xlint:all -Werror}, every loop in a layer method is bounded by a literal (never a
 * field or parameter), each layer has its comment, and generating twice gives the same text.
 */
class GeneratedSourceTest {

    /** A network that uses every op family and option the emitters distinguish. */
    static Network everything() {
        return TestNet.input("Everything", 12, 10, 3)
                .add("conv_1", Ops.conv(8, 3, 2, PadSpec.SAME))
                .add("bn_1", new Op.BatchNorm(1e-5, 0.1), Activation.of(Activation.Kind.LEAKY))
                .add("edge", new Op.Conv(1, Window.of(3, 3, 1), PadSpec.VALID, 1, false, Init.HE,
                        new float[] {1, 0, -1, 1, 0, -1, 1, 0, -1, 1, 0, -1, 1, 0, -1, 1, 0, -1, 1, 0, -1, 1, 0, -1,
                            1, 0, -1, 1, 0, -1, 1, 0, -1, 1, 0, -1, 1, 0, -1, 1, 0, -1, 1, 0, -1, 1, 0, -1, 1, 0, -1,
                            1, 0, -1, 1, 0, -1, 1, 0, -1, 1, 0, -1, 1, 0, -1, 1, 0, -1, 1, 0, -1}),
                        Activation.LINEAR, "bn_1")
                .add("grouped", Ops.conv(8, new Window(3, 3, 1, 1, 2, 2), PadSpec.SAME, 4, true), Activation.LINEAR, "bn_1")
                .add("s.depthwise", Ops.dwconv(2, Window.of(3, 3, 1), PadSpec.SAME), Activation.of(Activation.Kind.RELU6))
                .add("s.pointwise", Ops.conv(8, 1, 1, PadSpec.VALID), Activation.of(Activation.Kind.SWISH))
                .add("add_1", new Op.Add(), Activation.of(Activation.Kind.RELU), "s.pointwise", "grouped")
                .add("maxpool_1", Ops.maxpool(3, 2, PadSpec.SAME))
                .add("avgpool_1", Ops.avgpool(2, 1, Ops.pad(1, 0, 1, 0)))
                .add("bn_2", new Op.BatchNorm(1e-3, 0.1), Activation.of(Activation.Kind.TANH))
                .add("upsample_1", new Op.Upsample(2))
                .add("zeropad_1", new Op.ZeroPad(new Padding(0, 1, 1, 0)))
                .add("concat_1", new Op.Concat(), Activation.LINEAR, "zeropad_1", "zeropad_1")
                .add("map", Ops.conv(4, 1, 1, PadSpec.VALID), Activation.of(Activation.Kind.SOFTMAX))
                .add("gap", new Op.GlobalPool(Op.PoolKind.AVG), Activation.LINEAR, "concat_1")
                .add("gmp", new Op.GlobalPool(Op.PoolKind.MAX), Activation.LINEAR, "edge")
                .add("flatten_1", new Op.Flatten(), Activation.LINEAR, "gap")
                .add("dropout_1", new Op.Dropout(0.3))
                .add("dense_1", Ops.dense(8), Activation.of(Activation.Kind.SIGMOID))
                .add("landmarks", new Op.Landmarks(2), Activation.LINEAR, "dense_1")
                .add("act", new Op.Act(Activation.of(Activation.Kind.RELU)), Activation.LINEAR, "gmp")
                .outputs("landmarks", "map", "act")
                .build();
    }

    private static GeneratedFile generate() {
        List<GeneratedFile> files = JavaGenerator.generate(everything(), "demo.models");
        assertEquals(1, files.size());
        return files.get(0);
    }

    @Test
    void compilesWithoutWarnings() {
        GeneratedFile f = generate();
        assertEquals("demo.models.Everything", f.qualifiedName());
        Compilation c = javac().withOptions("-Xlint:all", "-Werror")
                .compile(JavaFileObjects.forSourceString(f.qualifiedName(), f.source()));
        assertThat(c).succeededWithoutWarnings();
    }

    @Test
    void everyLayerLoopIsBoundedByALiteral() {
        CompilationUnit unit = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17))
                .parse(generate().source()).getResult().orElseThrow();
        Set<String> fields = new HashSet<>();
        unit.findAll(com.github.javaparser.ast.body.FieldDeclaration.class)
                .forEach(fd -> fd.getVariables().forEach(v -> fields.add(v.getNameAsString())));
        List<MethodDeclaration> layers = unit.findAll(MethodDeclaration.class).stream()
                .filter(m -> m.getNameAsString().startsWith("layer_")).toList();
        assertEquals(17, layers.size(), "one method per step: 21 layers less bn_1 (folded) and flatten, dropout and"
                + " landmarks (aliases)");
        int loops = 0;
        for (MethodDeclaration m : layers) {
            Set<String> params = new HashSet<>();
            for (Parameter p : m.getParameters()) {
                params.add(p.getNameAsString());
            }
            for (ForStmt loop : m.findAll(ForStmt.class)) {
                loops++;
                var compare = loop.getCompare().orElseThrow();
                assertTrue(compare.findAll(FieldAccessExpr.class).isEmpty(), m.getNameAsString() + ": " + compare);
                for (NameExpr name : compare.findAll(NameExpr.class)) {
                    String n = name.getNameAsString();
                    assertFalse(fields.contains(n) || params.contains(n),
                            m.getNameAsString() + ": loop bound reads " + n + " in " + compare);
                }
                assertTrue(compare.toString().matches("[a-z]+ < \\d+"), m.getNameAsString() + ": " + compare);
            }
            assertTrue(m.getJavadocComment().isPresent(), m.getNameAsString() + " has no comment");
        }
        // conv, depthwise and dense layers call the runtime's kernels, so their loops are not counted here
        assertTrue(loops > 40, "only " + loops + " loops found");
        int kernelCalls = 0;
        for (MethodDeclaration m : layers) {
            for (var call : m.findAll(com.github.javaparser.ast.expr.MethodCallExpr.class)) {
                if (!call.getScope().map(Object::toString).orElse("").equals("KERNELS")) {
                    continue;
                }
                kernelCalls++;
                // the sizes a kernel gets are literals (or a share of a literal count), never fields
                for (var arg : call.getArguments()) {
                    String a = arg.toString();
                    assertTrue(a.matches("-?\\d+|in\\d?|out|\\w+_(w|b|shape)|\\(int\\).*parts|Activations\\.\\w+|-?[\\d.E-]+f"),
                            m.getNameAsString() + ": kernel argument " + a);
                }
            }
        }
        assertEquals(5, kernelCalls, "conv_1, edge, s.pointwise, map and dense_1; grouped (4 groups) and s.depthwise"
                + " (multiplier 2) keep generated loops");
    }

    @Test
    void layerCommentsGiveShapesParamsAndMacs() {
        String src = generate().source();
        // conv_1: 12x10x3, 8 3x3 filters stride 2 same → 6x5x8 (1 pixel of padding per axis, at the end); 3·3·3·8 + 8 = 224 params; 6·5·8·27 = 6,480 MACs
        assertTrue(src.contains("conv_1: conv, 8 filters 3x3 stride 2, pad (top 0, bottom 1, left 0, right 1)"), src);
        assertTrue(src.contains("12x10x3 -> 6x5x8, 224 params, 6,480 MACs"), src);
        assertTrue(src.contains("then bn_1: batchnorm, folded into the weights at load time (16 params + 16 running"
                + " statistics)"), src);
        assertTrue(src.contains("activation: leaky(0.1)"), src);
    }

    @Test
    void outputIsStable() {
        assertEquals(generate().source(), generate().source());
    }

    /**
     * 250 conv + batchnorm pairs: the layer calls are split over several forward methods (each
     * small enough for the JIT to compile), the weights over one constructor, and the numbers
     * still equal the reference layer by layer.
     */
    @Test
    void aDeepNetworkCompilesAndComputes() {
        TestNet b = TestNet.input("Deep", 3, 3, 4);
        for (int i = 1; i <= 250; i++) {
            b.add("conv_" + i, Ops.conv(4, Window.of(1, 1, 1), PadSpec.VALID, 1, false));
            b.add("bn_" + i, new Op.BatchNorm(1e-5, 0.1), Activation.of(Activation.Kind.TANH));
        }
        Network net = b.build();
        String src = JavaGenerator.generate(net, "").get(0).source();
        assertTrue(src.contains("private void forward2(Workspace ws)"), "layer calls split over forward1, forward2");
        ModelFactory<? extends Model> f = Jit.factory(net);
        Random r = new Random(3);
        Map<String, float[]> w = new LinkedHashMap<>();
        for (TensorInfo t : f.tensorInfos()) {
            float[] v = Reference.random(r, t.size());
            if (t.name().endsWith("running_var")) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.abs(v[i]) + 1;
                }
            }
            w.put(t.name(), v);
        }
        float[] x = Reference.random(r, 36);
        double[][][] y = Reference.chw(x, 3, 3, 4);
        for (int i = 1; i <= 250; i++) {
            y = Reference.conv(y, w.get("conv_" + i + ".weight"), null, 4, 1, 1, 1, 1, 1, 1,
                    new int[] {0, 0, 0, 0}, 1);
            y = Reference.batchNorm(y, w.get("bn_" + i + ".weight"), w.get("bn_" + i + ".bias"),
                    w.get("bn_" + i + ".running_mean"), w.get("bn_" + i + ".running_var"), 1e-5);
            y = Reference.activate("tanh", y, 0);
        }
        Reference.assertClose(Reference.hwc(y), f.fromTensors(w).predict(x),
                1e-4);
    }

    @Test
    void aConstantKernelOfTheWrongSizeIsRefused() {
        Network n = TestNet.input("Bad", 4, 4, 2)
                .add("edge", new Op.Conv(1, Window.of(3, 3, 1), PadSpec.VALID, 1, true, Init.HE,
                        new float[] {1, 0, -1, 1, 0, -1, 1, 0, -1}))
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JavaGenerator.generate(n, "p"));
        assertEquals("edge: weights= gives 9 values but the kernel [1, 2, 3, 3] has 18", e.getMessage());
    }
}
