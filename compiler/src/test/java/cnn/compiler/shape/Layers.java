package cnn.compiler.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.diag.Diagnostic;
import cnn.compiler.diag.Reporter;
import cnn.compiler.diag.SourceSpan;
import cnn.compiler.graph.Init;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.PadSpec;
import cnn.compiler.graph.Padding;
import cnn.compiler.graph.Shape;
import cnn.compiler.graph.Window;
import java.util.List;
import java.util.Optional;

/** Test helpers: build ops as the front end would, run one rule, and look at what it reported. */
final class Layers {

    static final SourceSpan SPAN = SourceSpan.at("t.cnn", 3, 5);

    private Layers() {
    }

    static Op.Conv conv(int filters, int k, int stride, PadSpec pad) {
        return new Op.Conv(filters, Window.of(k, k, stride), pad, 1, true, Init.HE, null);
    }

    static Op.Conv conv(int filters, int k) {
        return conv(filters, k, 1, PadSpec.VALID);
    }

    static Op.DepthwiseConv dwconv(int k, int multiplier) {
        return new Op.DepthwiseConv(multiplier, Window.of(k, k, 1), PadSpec.VALID, true, Init.HE);
    }

    static Op.Pool maxpool(int k, int stride) {
        return new Op.Pool(Op.PoolKind.MAX, Window.of(k, k, stride), PadSpec.VALID);
    }

    static Op.Dense dense(int units) {
        return new Op.Dense(units, true, Init.HE);
    }

    static PadSpec pad(int p) {
        return new PadSpec.Explicit(Padding.uniform(p));
    }

    static Shape.Grid grid(long h, long w, long c) {
        return Shape.grid(h, w, c);
    }

    /** One layer's inference with its own reporter. */
    record Run(Optional<LayerFacts> facts, List<Diagnostic> diagnostics) {

        LayerFacts ok() {
            assertTrue(diagnostics.stream().noneMatch(Diagnostic::isError), () -> "unexpected: " + diagnostics);
            assertTrue(facts.isPresent(), "no facts");
            return facts.get();
        }

        /** The one diagnostic, checked for code, exact message and hint. */
        Diagnostic only(String code, String message, String hint) {
            assertEquals(1, diagnostics.size(), () -> "expected one diagnostic, got " + diagnostics);
            Diagnostic d = diagnostics.get(0);
            assertEquals(code, d.code());
            assertEquals(message, d.message());
            assertEquals(hint, d.hint());
            assertEquals(SPAN, d.span());
            return d;
        }

        /** An error that leaves no output. */
        void fails(String code, String message, String hint) {
            Diagnostic d = only(code, message, hint);
            assertTrue(d.isError());
            assertTrue(facts.isEmpty(), "an error must leave no output");
        }
    }

    static Run run(String layer, Op op, Shape... inputs) {
        Reporter r = new Reporter();
        Optional<LayerFacts> f = ShapeRules.infer(layer, op, List.of(inputs), SPAN, r);
        return new Run(f, r.diagnostics());
    }

    static LayerFacts ok(Op op, Shape... inputs) {
        return run("layer_1", op, inputs).ok();
    }
}
