package cnn.compiler.training;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.codegen.GeneratedFile;
import cnn.compiler.codegen.JavaGenerator;
import cnn.compiler.codegen.training.TrainerGenerator;
import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Init;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.PadSpec;
import cnn.compiler.graph.Padding;
import cnn.compiler.graph.Window;
import cnn.compiler.testing.Ops;
import cnn.compiler.testing.TestNet;
import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.stmt.ForStmt;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The generated trainer as source: it compiles without a warning under {@code -Xlint:all
 * -Werror}, every loop of a layer's forward and backward methods is bounded by a literal (only
 * the batchnorm barriers loop to the batch size {@code n}), each layer method has its comment,
 * and generating twice gives the same text.
 */
class TrainerSourceTest {

    /** Every op family and option the training emitters distinguish, with consistent shapes. */
    static Network everything() {
        return TestNet.input("Everything", 12, 10, 3)
                .add("conv_1", Ops.conv(8, 3, 2, PadSpec.SAME))
                .add("bn_1", new Op.BatchNorm(1e-5, 0.1), Activation.of(Activation.Kind.LEAKY))
                .add("edge", new Op.Conv(1, Window.of(3, 3, 1), PadSpec.VALID, 1, false, Init.HE, new float[72]),
                        Activation.LINEAR, "bn_1")
                .add("grouped", Ops.conv(8, new Window(3, 3, 1, 1, 2, 2), PadSpec.SAME, 4, true), Activation.LINEAR,
                        "bn_1")
                .add("s.depthwise", Ops.dwconv(2, Window.of(3, 3, 1), PadSpec.SAME), Activation.of(Activation.Kind.RELU6))
                .add("s.pointwise", Ops.conv(8, 1, 1, PadSpec.VALID), Activation.of(Activation.Kind.SWISH))
                .add("add_1", new Op.Add(), Activation.of(Activation.Kind.RELU), "s.pointwise", "grouped")
                .add("maxpool_1", Ops.maxpool(3, 2, PadSpec.SAME), Activation.of(Activation.Kind.SIGMOID))
                .add("avgpool_1", Ops.avgpool(2, 1, Ops.pad(1, 0, 1, 0)))
                .add("bn_2", new Op.BatchNorm(1e-3, 0.1), Activation.of(Activation.Kind.TANH))
                .add("upsample_1", new Op.Upsample(2))
                .add("zeropad_1", new Op.ZeroPad(new Padding(0, 1, 1, 0)))
                .add("concat_1", new Op.Concat(), Activation.LINEAR, "zeropad_1", "zeropad_1")
                .add("map", Ops.conv(4, 1, 1, PadSpec.VALID), Activation.of(Activation.Kind.SOFTMAX))
                .add("gap", new Op.GlobalPool(Op.PoolKind.AVG), Activation.LINEAR, "map")
                .add("gmp", new Op.GlobalPool(Op.PoolKind.MAX), Activation.LINEAR, "edge")
                .add("concat_2", new Op.Concat(), Activation.LINEAR, "gap", "gmp")
                .add("flatten_1", new Op.Flatten())
                .add("dropout_1", new Op.Dropout(0.3))
                .add("dense_1", Ops.dense(5), Activation.of(Activation.Kind.SIGMOID))
                .add("act", new Op.Act(Activation.of(Activation.Kind.RELU)))
                .add("landmarks", new Op.Landmarks(2))
                .build();
    }

    private static GeneratedFile trainer() {
        return TrainerGenerator.generate(everything(), "demo.models");
    }

    @Test
    void compilesWithoutWarningsBesideItsModel() {
        GeneratedFile t = trainer();
        assertEquals("demo.models.EverythingTrainer", t.qualifiedName());
        List<JavaFileObject> sources = new ArrayList<>();
        for (GeneratedFile f : JavaGenerator.generate(everything(), "demo.models")) {
            sources.add(JavaFileObjects.forSourceString(f.qualifiedName(), f.source()));
        }
        sources.add(JavaFileObjects.forSourceString(t.qualifiedName(), t.source()));
        Compilation c = javac().withOptions("--release", "17", "-Xlint:all", "-Werror").compile(sources);
        assertThat(c).succeededWithoutWarnings();
    }

    @Test
    void everyLayerLoopIsBoundedByALiteral() {
        CompilationUnit unit = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17))
                .parse(trainer().source()).getResult().orElseThrow();
        List<MethodDeclaration> layers = unit.findAll(MethodDeclaration.class).stream()
                .filter(m -> m.getNameAsString().matches("(fwd|bwd|bwdAct|stats|sums)_.*")).toList();
        // 22 layers; flatten and the landmarks head share their input's buffers: 20 steps, 2 of them batchnorm
        assertEquals(20 * 2 + 2 * 2 + 2, layers.size(), "fwd and bwd per step, stats and sums per batchnorm,"
                + " bwdAct per batchnorm with an activation");
        int loops = 0;
        for (MethodDeclaration m : layers) {
            for (ForStmt loop : m.findAll(ForStmt.class)) {
                loops++;
                String compare = loop.getCompare().orElseThrow().toString();
                boolean batch = compare.equals("s < n") && m.getNameAsString().matches("(stats|sums)_.*");
                // a layer on the kernels takes a chunk of samples [from, to); its other sizes are literals
                boolean chunk = compare.equals("s < to") && m.getParameters().size() >= 2
                        && m.getParameter(1).getNameAsString().equals("to");
                assertTrue(compare.matches("[a-z]+ < \\d+") || batch || chunk, m.getNameAsString() + ": " + compare);
            }
            assertTrue(m.getJavadocComment().isPresent(), m.getNameAsString() + " has no comment");
        }
        assertTrue(loops > 150, "only " + loops + " loops found");
    }

    @Test
    void layerCommentsGiveShapesParamsAndWhatIsKept() {
        String src = trainer().source();
        assertTrue(src.contains("conv_1: conv\n"), src);
        assertTrue(src.contains("12x10x3 -> 6x5x8, 224 params"), src);
        assertTrue(src.contains("maxpool_1: maxpool, then sigmoid"), src);
        assertTrue(src.contains("keeps its values before the activation for the backward pass"), src);
        assertTrue(src.contains("Loss: landmarks on act (5)"), src);
    }

    @Test
    void theFlatLayoutIsBuiltInStatementsThatJavacNeedNotRecurseInto() {
        // a chain of a thousand .add(…) calls overflowed javac's stack for a 500-layer network
        String src = trainer().source();
        assertTrue(src.contains("public static final ParamLayout LAYOUT = flatLayout();"), src);
        assertTrue(src.contains("        b.add(\"conv_1.weight\", 216, true, 1.0);\n"), src);
    }

    @Test
    void outputIsStable() {
        assertEquals(trainer().source(), trainer().source());
    }

    @Test
    void everythingTrainsThroughEveryLayer() {
        Network net = everything();
        new GradientCheck(net, 2, 21).run();
    }
}
