package cnn.compiler.codegen;

import com.palantir.javapoet.CodeBlock;
import java.util.List;

/** Writes one family of ops: the statements of a layer's forward method and its packed weights. */
interface LayerEmitter {

    /** The body of {@code private void layer_<id>(float[] in…, float[] out)}; every loop bound a literal. */
    CodeBlock body(LayerContext ctx);

    /** Fields the body reads, in the order the constructor assigns them. */
    default List<PackedField> fields(LayerContext ctx) {
        return List.of();
    }

    /**
     * Floats of scratch the layer reads instead of its input (a zero-padded copy), or 0. When
     * positive, the caller runs {@link #prepare} once before the layer (before its threads split
     * the outputs) and passes the scratch as the layer's input.
     */
    default int scratchFloats(LayerContext ctx) {
        return 0;
    }

    /** Fills {@code scratch} from the input buffer {@code input}; only called when {@link #scratchFloats} is positive. */
    default CodeBlock prepare(LayerContext ctx, String input, String scratch) {
        throw new IllegalStateException(ctx.node().name() + " reads its input directly");
    }
}
