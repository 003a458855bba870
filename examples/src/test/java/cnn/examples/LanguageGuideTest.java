package cnn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.Compilation;
import cnn.compiler.Compiler;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.Shape;
import cnn.compiler.graph.TrainSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The language guide's complete examples (its {@code ```cnn} blocks) compile without errors or
 * warnings, and say what the guide says they do.
 */
class LanguageGuideTest {

    private static final Path GUIDE = Path.of("..", "docs", "language.md");

    /** A fenced block opened by {@code ```cnn}, possibly indented inside a list item. */
    private static final Pattern CNN_BLOCK = Pattern.compile("(?m)^( *)```cnn\\n(.*?)^\\1```$", Pattern.DOTALL);

    private static List<String> examples() throws IOException {
        String text = Files.readString(GUIDE);
        List<String> blocks = new ArrayList<>();
        Matcher m = CNN_BLOCK.matcher(text);
        while (m.find()) {
            String indent = m.group(1);
            blocks.add(m.group(2).lines().map(l -> l.startsWith(indent) ? l.substring(indent.length()) : l)
                    .reduce("", (a, b) -> a + b + "\n"));
        }
        return blocks;
    }

    private static Compilation compile(String source) {
        return Compiler.compileSource("language.md", source);
    }

    private static Network model(String name) throws IOException {
        for (String example : examples()) {
            for (Network n : compile(example).networks()) {
                if (n.name().equals(name)) {
                    return n;
                }
            }
        }
        throw new AssertionError("the guide has no complete example of model " + name);
    }

    @TestFactory
    Stream<DynamicTest> everyCompleteExampleCompilesCleanly() throws IOException {
        List<String> examples = examples();
        assertTrue(examples.size() >= 9, "the guide's complete examples were not found: " + examples.size());
        return examples.stream().map(source -> DynamicTest.dynamicTest(source.lines().findFirst().orElse(""), () -> {
            Compilation compilation = compile(source);
            assertTrue(compilation.diagnostics().isEmpty(), () -> "\n" + source + "\n" + compilation.render());
            assertFalse(compilation.networks().isEmpty());
        }));
    }

    /** The worked example's table: 61,706 parameters and 416,520 MACs. */
    @Test
    void workedExampleTotals() throws IOException {
        Network lenet = model("LeNet5");
        assertEquals(61_706, lenet.totalParams());
        assertEquals(416_520, lenet.totalMacs());
    }

    /** "a 2x2x4 grid: one output per 14x14 window". */
    @Test
    void scannerGivesATwoByTwoGrid() throws IOException {
        Network scanner = model("Scanner");
        assertEquals(Shape.grid(16, 16, 3), scanner.input());
        Node last = scanner.nodes().get(scanner.nodes().size() - 1);
        assertEquals(Shape.grid(2, 2, 4), last.output());
    }

    /** The lecture notes' edge detector: 6x6 convolved with 3x3 is 4x4; its 3·3 weights are not trained. */
    @Test
    void edgeDetectorIsFrozen() throws IOException {
        Network edges = model("VerticalEdges");
        assertEquals(9, edges.totalParams());
        assertEquals(0, edges.trainableParams());
    }

    /** The op tour: a sepconv is two layers, and groups=2 halves the second conv's weights. */
    @Test
    void opTourLayers() throws IOException {
        Network tour = model("OpTour");
        assertInstanceOf(Op.DepthwiseConv.class, tour.node("sepconv_1.depthwise").op());
        assertEquals(Shape.grid(16, 16, 128), tour.node("sepconv_1.pointwise").output());
        assertEquals(5 * 5 * 16 * 256 + 256, tour.node("conv_2").params());
    }

    /** Every line of the train section is read as the table describes it. */
    @Test
    void trainSectionOfTheGuide() throws IOException {
        TrainSpec train = model("FashionLeNet").train().orElseThrow();
        assertEquals(TrainSpec.Loss.CROSS_ENTROPY, train.loss().orElseThrow());
        TrainSpec.Adam adam = assertInstanceOf(TrainSpec.Adam.class, train.optimizer());
        assertEquals(1e-3, adam.lr(), 0.0);
        assertEquals(0.999, adam.beta2(), 0.0);
        assertInstanceOf(TrainSpec.Cosine.class, train.schedule());
        assertEquals(64, train.batch());
        assertEquals(10, train.epochs());
        assertEquals(List.of(new TrainSpec.Flip(true, false), new TrainSpec.Rotate(15), new TrainSpec.Crop(4),
                new TrainSpec.Brightness(0.1)), train.augment());
        assertEquals(42, train.seed());
    }
}
