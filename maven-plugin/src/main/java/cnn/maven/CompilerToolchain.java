package cnn.maven;

import cnn.compiler.Compilation;
import cnn.compiler.Compiler;
import cnn.compiler.codegen.JavaGenerator;
import cnn.compiler.graph.Network;
import cnn.compiler.resolve.SourceRoots;
import java.nio.file.Path;
import java.util.List;

/** The real toolchain: the front end facade and the Java code generator of cnn-compiler. */
final class CompilerToolchain implements CnnToolchain {

    private final SourceRoots roots;

    /** Imports must stay under the source directory (E0219), or may go anywhere. */
    CompilerToolchain(Path sourceDirectory, boolean allowOutsideImports) {
        this.roots = allowOutsideImports ? SourceRoots.anywhere() : SourceRoots.of(List.of(sourceDirectory));
    }

    @Override
    public Compilation compile(Path file) {
        return Compiler.compile(List.of(file), roots);
    }

    @Override
    public List<JavaSource> generate(Network network, String packageName) {
        return JavaGenerator.generate(network, packageName).stream()
                .map(f -> new JavaSource(f.qualifiedName(), f.source()))
                .toList();
    }
}
