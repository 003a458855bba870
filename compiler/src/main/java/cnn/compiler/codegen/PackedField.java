package cnn.compiler.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;

/**
 * An instance field holding weights in the order a layer's kernel reads them, and the
 * expression the constructor assigns to it (it may read {@code t} and fields assigned before).
 */
record PackedField(String name, TypeName type, CodeBlock init, String why) {
}
