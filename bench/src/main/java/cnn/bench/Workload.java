package cnn.bench;

import cnn.compiler.Compilation;
import cnn.compiler.Compiler;
import cnn.compiler.graph.Network;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One benchmark model: a {@code .cnn} file of {@code bench/models}, compiled by the front end so
 * the benchmarks use the compiler's own MAC count for GFLOP/s.
 */
public record Workload(String file, Network network) {

    /** Where the models are: {@code -Dcnn.bench.models}, else {@code bench/models} or {@code models} from here. */
    public static Path modelsDir() {
        String p = System.getProperty("cnn.bench.models");
        if (p != null) {
            return Path.of(p);
        }
        Path fromRoot = Path.of("bench", "models");
        return Files.isDirectory(fromRoot) ? fromRoot : Path.of("models");
    }

    /** Compiles {@code bench/models/<name>.cnn}; its one model is the workload. */
    public static Workload load(String name) {
        Path file = modelsDir().resolve(name + ".cnn");
        Compilation c = Compiler.compile(List.of(file));
        if (c.hasErrors() || c.networks().size() != 1) {
            throw new IllegalStateException("cannot compile " + file + ":\n" + c.render());
        }
        return new Workload(name, c.networks().get(0));
    }

    /** Multiply-adds for one sample's forward pass, from the compiler's shape rules. */
    public long macs() {
        return network.totalMacs();
    }

    public int inputSize() {
        return Math.toIntExact(network.input().elements());
    }
}
