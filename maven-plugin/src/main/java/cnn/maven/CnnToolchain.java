package cnn.maven;

import cnn.compiler.Compilation;
import cnn.compiler.graph.Network;
import java.nio.file.Path;
import java.util.List;

/**
 * What the plugin asks of the compiler: the one seam between the incremental build logic and
 * the front end and code generator, so that the logic can be tested with the real compiler or
 * on its own.
 */
interface CnnToolchain {

    /** Compiles one model file and what it imports; reports problems as diagnostics, never throws for bad input. */
    Compilation compile(Path file);

    /** The Java sources for one checked network, in the given package ("" for none). */
    List<JavaSource> generate(Network network, String packageName);
}
