package cnn.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The heap a benchmark keeps: after each iteration a full GC, then the used heap (weights, packed
 * weights, workspaces, trainer state), reported as the maximum over iterations. Garbage is not
 * counted: inference allocates nothing per call after warm-up (a test checks that), so the
 * live heap is the benchmark's peak need.
 */
public class LiveHeapProfiler implements InternalProfiler {

    @Override
    public String getDescription() {
        return "live heap after GC, MiB (max over iterations)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        System.gc();
        double mib = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
        return List.of(new ScalarResult("heap.live", mib, "MiB", AggregationPolicy.MAX));
    }
}
