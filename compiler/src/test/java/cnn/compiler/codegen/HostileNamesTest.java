package cnn.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.Compilation;
import cnn.compiler.Compiler;
import cnn.compiler.codegen.training.TrainerGenerator;
import cnn.compiler.graph.Network;
import cnn.compiler.jit.InMemoryCompiler;
import cnn.compiler.jit.JitException;
import cnn.compiler.jit.JitModels;
import cnn.runtime.model.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Generated code for hostile names (issue 9): models and layers named like Java keywords,
 * {@code java}, {@code String}, the generated class's own members, or names differing only in
 * case give Java that compiles, or a clear refusal that names the model; never broken sources.
 */
class HostileNamesTest {

    /** Names a .cnn file may give a model or a layer that mean something to Java or to the generated class. */
    private static final List<String> HOSTILE = List.of(
            // Java keywords that are not .cnn keywords, and restricted identifiers
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "continue", "default",
            "do", "double", "enum", "extends", "final", "finally", "float", "goto", "implements", "instanceof", "int",
            "interface", "long", "native", "new", "null", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "_", "var", "yield", "record", "sealed", "permits", "module", "exports",
            "requires", "open", "to", "with", "when",
            // types generated code names, from java.lang, java.util and the runtime
            "java", "javax", "cnn", "String", "Object", "System", "Math", "Float", "Integer", "Long", "Override",
            "ThreadLocal", "List", "Map", "Arrays", "Path", "IOException", "Model", "ModelInfo", "ModelFactory",
            "TensorInfo", "WeightsFiles", "WeightInit", "Checks", "Parallel", "Packing", "Activations", "BatchNorms",
            // the generated class's members and nested types
            "Workspace", "Factory", "INFO", "TENSORS", "INPUT_HEIGHT", "INPUT_WIDTH", "INPUT_CHANNELS", "INPUT_SIZE",
            "OUTPUT_SIZE", "OUTPUT_NAMES", "OUTPUT_SIZES", "PARAMETER_COUNT", "PARTS", "tensors", "workspace",
            "predict", "load", "save", "init", "fromTensors", "forward", "runFirst", "runAll", "info", "npz", "seed",
            "hwc", "nhwc", "lr", "loss", "optimizer", "training",
            // one letter and odd shapes
            "x", "X", "M", "in0", "out", "n", "s", "__", "_1", "conv_1", "layer_conv_1");

    /**
     * The names the generator refuses as model names, each with a message naming the model:
     * Java keywords and restricted identifiers, the java.lang types generated code names, the
     * generated class's nested types, fields and the parameters of the methods that name the
     * class. The rest (List, Map, Model, java, …) compile:
     * the generator qualifies what a model's name would hide.
     */
    private static final Set<String> REFUSED_AS_MODEL = new TreeSet<>(List.of("abstract", "assert", "boolean", "break",
            "byte", "case", "catch", "char", "class", "continue", "default", "do", "double", "enum", "extends",
            "final", "finally", "float", "goto", "implements", "instanceof", "int", "interface", "long", "native",
            "new", "null", "private", "protected", "public", "return", "short", "static", "strictfp", "super",
            "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while",
            "_", "var", "yield", "record", "sealed", "permits", "String", "Object", "System", "Math", "Float",
            "Integer", "Long", "Override", "ThreadLocal", "Workspace", "Factory", "INFO", "TENSORS",
            "INPUT_HEIGHT", "INPUT_WIDTH", "INPUT_CHANNELS", "INPUT_SIZE", "OUTPUT_SIZE", "OUTPUT_NAMES",
            "OUTPUT_SIZES", "PARAMETER_COUNT", "tensors", "workspace", "npz", "seed", "hwc", "nhwc", "n", "out", "to",
            "x"));

    private static Network compile(String source) {
        Compilation c = Compiler.compileSource("hostile.cnn", source);
        assertFalse(c.hasErrors(), () -> source + "\n" + c.render());
        return c.networks().get(0);
    }

    @Test
    void everyHostileModelNameCompilesOrIsRefusedByName() throws JitException {
        List<GeneratedFile> files = new ArrayList<>();
        Set<String> refused = new TreeSet<>();
        Set<String> refusedTrainers = new TreeSet<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            String name = HOSTILE.get(i);
            Network n = compile("model " + name + " {\n    input 6x6x2\n    conv 3, 3 relu\n    maxpool 2\n"
                    + "    flatten\n    dense 4 softmax\n}\n");
            try {
                files.addAll(JavaGenerator.generate(n, "hostile.m" + i));
            } catch (IllegalArgumentException e) {
                refused.add(name);
                assertTrue(e.getMessage().startsWith("model " + name + ": ") && e.getMessage().contains("rename"),
                        e.getMessage());
                continue;
            }
            try {
                // the trainer also refuses the names of its own variables (n, lr, loss, one per layer, …)
                files.add(TrainerGenerator.generate(n, "hostile.m" + i));
            } catch (IllegalArgumentException e) {
                refusedTrainers.add(name);
                assertTrue(e.getMessage().startsWith("model " + name + ": ") && e.getMessage().contains("rename"),
                        e.getMessage());
            }
        }
        assertEquals(REFUSED_AS_MODEL, refused);
        assertTrue(refusedTrainers.containsAll(List.of("lr", "loss", "optimizer", "training")), refusedTrainers.toString());
        // the trainer also names java.…, cnn.… and List by their simple names, so those are refused there
        assertTrue(refusedTrainers.containsAll(List.of("java", "cnn", "List")), refusedTrainers.toString());
        for (String fine : List.of("X", "M", "conv_1", "_1", "__", "Model", "javax")) {
            assertFalse(refusedTrainers.contains(fine), fine + " needs no refusal: " + refusedTrainers);
        }
        // every class that was generated compiles, all in one javac run
        ClassLoader loader = InMemoryCompiler.compile(files);
        for (GeneratedFile f : files.stream().filter(f -> !f.qualifiedName().endsWith("Trainer")).toList()) {
            Model m = JitModels.factory(loader, f.qualifiedName()).init(7);
            float[] p = m.predict(new float[72]);
            assertEquals(1.0, p[0] + p[1] + p[2] + p[3], 1e-5, f.qualifiedName());
        }
    }

    @Test
    void hostileLayerNamesInBlocksAndNamesDifferingOnlyInCaseCompile() throws JitException {
        StringBuilder block = new StringBuilder("block unit(f) {\n");
        StringBuilder model = new StringBuilder("model Layers {\n    input 6x6x2\n");
        for (String name : HOSTILE) {
            block.append("    ").append(name).append(" = conv f, 1\n");
        }
        block.append("}\n");
        for (String name : List.of("class", "Class", "CLASS", "conv_1", "unit_1_conv_1", "java", "INFO", "in0",
                "workspace", "tensors", "this")) {
            model.append("    ").append(name).append(" = conv 2, 1\n");
        }
        model.append("    unit(2)\n    u = unit(2)\n    unit_1_ = conv 2, 1\n    flatten\n    dense 3 softmax\n}\n");
        Network n = compile(block + model.toString());
        assertEquals(11 + 2 * HOSTILE.size() + 1 + 2, n.nodes().size());
        Model m = JitModels.compile(n).init(3);
        float[] p = m.predict(new float[72]);
        assertEquals(1.0, p[0] + p[1] + p[2], 1e-5);
    }

    @Test
    void packagesJavaReservesAreRefusedByName() {
        Network n = compile("model Net {\n    input 4x4x1\n    flatten\n    dense 2\n}\n");
        for (String pkg : List.of("java", "java.util", "java.lang.reflect")) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> JavaGenerator.generate(n, pkg));
            assertTrue(e.getMessage().contains(pkg) && e.getMessage().contains("Net"), e.getMessage());
        }
        for (String pkg : List.of("javax.models", "cnn.generated", "a.b.c", "")) {
            assertEquals(1, JavaGenerator.generate(n, pkg).size());
        }
    }

    @Test
    void classesThatCannotLiveTogetherAreNamed() {
        assertEquals(List.of(), ClassClashes.of(List.of("p.Net", "q.Net", "p.Net2", "Net")));
        assertEquals(List.of("p.NET and p.Net differ only in case: on macOS and Windows one file would replace the "
                + "other; rename one of the models"), ClassClashes.of(List.of("p.Net", "p.NET")));
        assertEquals(List.of("p.Q is a class and also the package of p.Q.M; rename the model or the package"),
                ClassClashes.of(List.of("p.Q", "p.Q.M")));
    }

    /** Every java.lang type the generated sources of the reference models name is in the generator's list. */
    @Test
    void theGeneratorKnowsEveryJavaLangTypeItsCodeNames() throws IOException {
        Set<String> named = new TreeSet<>();
        Pattern type = Pattern.compile("\\b([A-Z][A-Za-z0-9]*)\\b");
        List<Path> models;
        try (Stream<Path> walk = Files.walk(Path.of("src/test/resources/reference"))) {
            models = walk.filter(p -> p.getFileName().toString().equals("model.cnn")).sorted().toList();
        }
        assertTrue(models.size() > 50, "reference models: " + models.size());
        for (Path p : models) {
            Compilation c = Compiler.compileSource(p.toString(), Files.readString(p));
            for (Network n : c.networks()) {
                for (GeneratedFile f : JavaGenerator.generate(n, "p")) {
                    String code = f.source().replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "")
                            .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
                    Matcher m = type.matcher(code);
                    while (m.find()) {
                        if (isJavaLang(m.group(1))) {
                            named.add(m.group(1));
                        }
                    }
                }
            }
        }
        assertFalse(named.isEmpty());
        assertTrue(ModelClassWriter.JAVA_LANG_USED.containsAll(named),
                "java.lang types in generated code: " + named + ", listed: " + ModelClassWriter.JAVA_LANG_USED);
    }

    private static boolean isJavaLang(String simpleName) {
        try {
            Class.forName("java.lang." + simpleName, false, HostileNamesTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
