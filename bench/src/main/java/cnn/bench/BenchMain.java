package cnn.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks and prints, per workload, the median time of the measured iterations,
 * GFLOP/s from the compiler's MAC count and the live heap; {@code --json FILE} also writes
 * them for {@code compare.py}.
 *
 * <pre>
 * java -cp … cnn.bench.BenchMain [--include REGEX] [--workloads a/1,b/32] [--json FILE] [--quick]
 * </pre>
 */
public final class BenchMain {

    private BenchMain() {
    }

    /** One row of the table. */
    record Row(String kind, String workload, double medianMs, double gflops, double heapMib) {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        String include = "cnn\\.bench\\..*Bench";
        String workloads = null;
        Path json = null;
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--include" -> include = args[++i];
                case "--workloads" -> workloads = args[++i];
                case "--json" -> json = Path.of(args[++i]);
                case "--quick" -> quick = true;
                default -> {
                    System.err.println("usage: BenchMain [--include REGEX] [--workloads a/1,b/32] [--json FILE] [--quick]");
                    System.exit(2);
                }
            }
        }
        ChainedOptionsBuilder o = new OptionsBuilder().include(include)
                .addProfiler(LiveHeapProfiler.class)
                // replaces the annotations' jvmArgsAppend, so it repeats them
                .jvmArgsAppend("--add-modules", "jdk.incubator.vector", "-Xmx6g",
                        "-Dcnn.bench.models=" + Workload.modelsDir().toAbsolutePath());
        if (workloads != null) {
            o.param("workload", workloads.split(","));
        }
        if (quick) {
            o.warmupIterations(2).measurementIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementTime(TimeValue.seconds(1));
        }
        List<Row> rows = new ArrayList<>();
        for (RunResult r : new Runner(o.build()).run()) {
            rows.add(row(r));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-10s %-22s %12s %10s %10s%n", "kind", "workload", "median ms", "GFLOP/s",
                "heap MiB");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "%-10s %-22s %12.3f %10.1f %10.1f%n", r.kind(), r.workload(), r.medianMs(),
                    r.gflops(), r.heapMib());
        }
        System.out.println("kernels: " + cnn.runtime.kernels.Kernels.get().name() + " in this JVM; benchmark forks add"
                + " --add-modules jdk.incubator.vector");
        if (json != null) {
            StringBuilder b = new StringBuilder("[\n");
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                b.append(String.format(Locale.ROOT,
                        "  {\"kind\": \"%s\", \"workload\": \"%s\", \"median_ms\": %.6f, \"gflops\": %.3f, \"heap_mib\": %.1f}%s%n",
                        r.kind(), r.workload(), r.medianMs(), r.gflops(), r.heapMib(), i + 1 < rows.size() ? "," : ""));
            }
            Files.writeString(json, b.append("]\n").toString(), StandardCharsets.UTF_8);
        }
    }

    private static Row row(RunResult r) {
        String bench = r.getParams().getBenchmark();
        String kind = bench.substring(bench.lastIndexOf('.', bench.lastIndexOf('.') - 1) + 1)
                .replace("Bench.", ".");
        String workload = r.getParams().getParam("workload");
        double[] scores = new double[0];
        for (BenchmarkResult br : r.getBenchmarkResults()) {
            for (IterationResult it : br.getIterationResults()) {
                scores = Arrays.copyOf(scores, scores.length + 1);
                scores[scores.length - 1] = it.getPrimaryResult().getScore();
            }
        }
        Arrays.sort(scores);
        double median = scores.length % 2 == 1 ? scores[scores.length / 2]
                : (scores[scores.length / 2 - 1] + scores[scores.length / 2]) / 2;
        double ms = toMillis(median, r.getPrimaryResult().getScoreUnit());
        String[] parts = workload.split("/");
        Workload w = Workload.load(parts[0]);
        int batch = Integer.parseInt(parts[1]);
        // training: forward, then the gradients of the inputs and of the weights, each as many MACs again
        double passes = kind.startsWith("Train") || kind.startsWith("Epoch") ? 3 : 1;
        double samples = kind.startsWith("Epoch") ? EpochBench.SAMPLES : batch;
        double gflops = 2.0 * w.macs() * samples * passes / (ms * 1e6);
        double heap = Double.NaN;
        Result<?> h = r.getAggregatedResult().getSecondaryResults().get("heap.live");
        if (h != null) {
            heap = h.getScore();
        }
        return new Row(kind, workload, ms, gflops, heap);
    }

    private static double toMillis(double score, String unit) {
        return switch (unit) {
            case "ms/op" -> score;
            case "s/op" -> score * 1e3;
            case "us/op" -> score / 1e3;
            default -> throw new IllegalArgumentException("unexpected unit " + unit);
        };
    }
}
