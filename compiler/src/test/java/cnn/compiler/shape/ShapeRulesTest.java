package cnn.compiler.shape;

import static cnn.compiler.shape.Layers.SPAN;
import static cnn.compiler.shape.Layers.grid;
import static cnn.compiler.shape.Layers.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.diag.Diagnostic;
import cnn.compiler.diag.Reporter;
import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Init;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.PadSpec;
import cnn.compiler.graph.Padding;
import cnn.compiler.graph.Shape;
import cnn.compiler.graph.Window;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The dispatch itself: every op has a rule, and the contract with the caller. */
class ShapeRulesTest {

    /** One of each op with an input it accepts. */
    private static final Map<Op, List<Shape>> SAMPLES = Map.ofEntries(
            Map.entry(new Op.Conv(2, Window.of(3, 3, 1), PadSpec.SAME, 1, true, Init.HE, null), List.of(grid(4, 4, 1))),
            Map.entry(new Op.DepthwiseConv(1, Window.of(3, 3, 1), PadSpec.SAME, true, Init.HE), List.of(grid(4, 4, 1))),
            Map.entry(new Op.Pool(Op.PoolKind.MAX, Window.of(2, 2, 2), PadSpec.VALID), List.of(grid(4, 4, 1))),
            Map.entry(new Op.GlobalPool(Op.PoolKind.AVG), List.of(grid(4, 4, 1))),
            Map.entry(new Op.Flatten(), List.of(grid(4, 4, 1))),
            Map.entry(new Op.Dense(3, true, Init.HE), List.of(Shape.vector(16))),
            Map.entry(new Op.SlidingDense(3, 4, 4, 1, true), List.of(grid(4, 4, 1))),
            Map.entry(new Op.BatchNorm(1e-5, 0.1), List.of(grid(4, 4, 1))),
            Map.entry(new Op.Dropout(0.5), List.of(grid(4, 4, 1))),
            Map.entry(new Op.Upsample(2), List.of(grid(4, 4, 1))),
            Map.entry(new Op.ZeroPad(Padding.uniform(1)), List.of(grid(4, 4, 1))),
            Map.entry(new Op.Act(Activation.of(Activation.Kind.RELU)), List.of(grid(4, 4, 1))),
            Map.entry(new Op.Add(), List.of(grid(4, 4, 1), grid(4, 4, 1))),
            Map.entry(new Op.Concat(), List.of(grid(4, 4, 1), grid(4, 4, 1))),
            Map.entry(new Op.Localize(0), List.of(Shape.vector(5))),
            Map.entry(new Op.Landmarks(1), List.of(Shape.vector(3))),
            Map.entry(new Op.Yolo(0, List.of(new Op.Anchor(1, 1))), List.of(grid(4, 4, 5))));

    @Test
    void everyOpHasARule() {
        // Java 17 has no exhaustive switch over a sealed interface, so ask it for its cases: a new
        // op without a sample here (and a rule in ShapeRules) fails this test
        Set<Class<?>> ops = Arrays.stream(Op.class.getPermittedSubclasses()).collect(Collectors.toSet());
        assertEquals(ops, SAMPLES.keySet().stream().map(Object::getClass).collect(Collectors.toSet()));
        SAMPLES.forEach((op, inputs) -> {
            Reporter r = new Reporter();
            assertTrue(ShapeRules.infer("x", op, inputs, SPAN, r).isPresent(), op.opName());
            assertTrue(r.diagnostics().isEmpty(), () -> op.opName() + ": " + r.diagnostics());
        });
    }

    @Test
    void noRuleEverMakesAnEmptyShape() {
        // the smallest inputs each op accepts still give at least 1 in every dimension
        SAMPLES.forEach((op, inputs) -> {
            Shape out = ShapeRules.infer("x", op, inputs, SPAN, new Reporter()).orElseThrow().output();
            assertTrue(out.dims().stream().allMatch(d -> d >= 1), op.opName() + " gave " + out);
        });
    }

    @Test
    void singleInputOpsReadOneTensor() {
        assertThrows(IllegalArgumentException.class, () -> ShapeRules.infer("x", new Op.Flatten(),
                List.of(grid(1, 1, 1), grid(1, 1, 1)), SPAN, new Reporter()));
        assertThrows(IllegalArgumentException.class, () -> ShapeRules.infer("x", new Op.Flatten(), List.of(), SPAN,
                new Reporter()));
    }

    @Test
    void anInputThatSkippedCheckInputIsReportedNotUsed() {
        run("conv_1", new Op.Conv(2, Window.of(1, 1, 1), PadSpec.VALID, 1, true, Init.HE, null), grid(0, 4, 1)).fails(
                "E0401", "conv_1: input 0x4x1 has a dimension below 1", null);
        run("add_1", new Op.Add(), Shape.vector(3), Shape.vector(-3)).fails("E0401",
                "add_1: input -3 has a dimension below 1", null);
        run("flatten_1", new Op.Flatten(), grid(1L << 40, 1L << 40, 1)).fails("E0403",
                "flatten_1: input 1099511627776x1099511627776x1 would have more than 9,223,372,036,854,775,807 values, "
                        + "more than a Java array can hold (2,147,483,639)", "use a smaller input");
    }

    @Test
    void checkInputAcceptsARealImage() {
        Reporter r = new Reporter();
        assertTrue(ShapeRules.checkInput("input", grid(224, 224, 3), SPAN, r));
        assertTrue(ShapeRules.checkInput("input", Shape.vector(784), SPAN, r));
        assertTrue(r.diagnostics().isEmpty());
    }

    @Test
    void checkInputRefusesAnEmptyDimension() {
        Reporter r = new Reporter();
        assertFalse(ShapeRules.checkInput("input", grid(28, 0, 1), SPAN, r));
        Diagnostic d = r.diagnostics().get(0);
        assertEquals(1, r.diagnostics().size());
        assertEquals("E0401", d.code());
        assertEquals("input: every dimension must be at least 1, got 28x0x1", d.message());
    }

    @Test
    void checkInputRefusesWhatNoArrayHolds() {
        Reporter r = new Reporter();
        assertFalse(ShapeRules.checkInput("Scanner", grid(100_000, 100_000, 3), SPAN, r));
        Diagnostic d = r.diagnostics().get(0);
        assertEquals("E0403", d.code());
        assertEquals("Scanner: shape 100000x100000x3 would have 30,000,000,000 values, more than a Java array can hold "
                + "(2,147,483,639)", d.message());
        assertEquals("use a smaller input", d.hint());
        // and a shape whose element count does not even fit a long
        r = new Reporter();
        assertFalse(ShapeRules.checkInput("input", grid(1L << 40, 1L << 40, 1), SPAN, r));
        assertEquals("input: shape 1099511627776x1099511627776x1 would have more than 9,223,372,036,854,775,807 values, "
                + "more than a Java array can hold (2,147,483,639)", r.diagnostics().get(0).message());
    }

    @Test
    void everyMessageStartsWithTheLayerAndIsOneLine() {
        Reporter r = new Reporter();
        ShapeRules.infer("block_2.conv_1", new Op.Conv(0, Window.of(5, 5, 0), PadSpec.VALID, 1, true, Init.HE, null),
                List.of(grid(4, 4, 1)), SPAN, r);
        ShapeRules.infer("block_2.add_1", new Op.Add(), List.of(grid(4, 4, 1), grid(4, 4, 2)), SPAN, r);
        assertEquals(3, r.diagnostics().size());
        for (Diagnostic d : r.diagnostics()) {
            assertTrue(d.message().startsWith("block_2."), d.message());
            assertFalse(d.message().contains("\n"), d.message());
            assertEquals(SPAN, d.span());
        }
    }
}
