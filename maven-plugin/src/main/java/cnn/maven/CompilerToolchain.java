package cnn.maven;

import cnn.compiler.Compilation;
import cnn.compiler.Compiler;
import cnn.compiler.codegen.JavaGenerator;
import cnn.compiler.graph.Network;
import java.nio.file.Path;
import java.util.List;

/** The real toolchain: the front end facade and the Java code generator of cnn-compiler. */
final class CompilerToolchain implements CnnToolchain {

    @Override
    public Compilation compile(Path file) {
        return Compiler.compile(List.of(file));
    }

    @Override
    public List<JavaSource> generate(Network network, String packageName) {
        return JavaGenerator.generate(network, packageName).stream()
                .map(f -> new JavaSource(f.qualifiedName(), f.source()))
                .toList();
    }
}
