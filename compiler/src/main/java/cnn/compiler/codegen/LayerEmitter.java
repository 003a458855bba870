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
}
