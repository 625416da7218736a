package io.hoptrace.bench.tracer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Throughput per CPU-second of the benchmark threads, for a machine that other work shares: a wall-clock
 * throughput falls when the benchmark thread waits for a core, the work done per CPU-second of that thread does
 * not (much: caches and clock speed are still shared). Use with {@code -prof
 * io.hoptrace.bench.tracer.ThreadCpuProfiler}; adds {@code cpu.thrpt} (ops per CPU-second of the JMH worker
 * threads, from {@link ThreadMXBean#getThreadCpuTime}) and {@code cpu.share} (their CPU time over wall time: 1.0
 * means the thread never waited for a core).
 */
public final class ThreadCpuProfiler implements InternalProfiler {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private Map<Long, Long> cpuBefore = Map.of();
    private long wallBefore;

    @Override
    public String getDescription() {
        return "throughput per CPU-second of the benchmark threads (ThreadMXBean)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuBefore = workerCpu();
        wallBefore = System.nanoTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        long wall = System.nanoTime() - wallBefore;
        long cpu = 0;
        int workers = 0;
        for (Map.Entry<Long, Long> e : workerCpu().entrySet()) {
            cpu += e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0L);
            workers++;
        }
        List<Result> out = new ArrayList<>();
        if (cpu <= 0 || workers == 0) {
            return out;
        }
        double share = (double) cpu / ((double) wall * workers);
        out.add(new ScalarResult("cpu.thrpt", result.getPrimaryResult().getScore() / share,
                result.getScoreUnit().replace("/s", "/cpu-s"), AggregationPolicy.AVG));
        out.add(new ScalarResult("cpu.share", share, "cpu/wall", AggregationPolicy.AVG));
        return out;
    }

    /** CPU nanoseconds so far of each JMH worker thread (JMH names them {@code <benchmark>-jmh-worker-<n>}). */
    private Map<Long, Long> workerCpu() {
        Map<Long, Long> out = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("-jmh-worker-")) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                if (t >= 0) {
                    out.put(info.getThreadId(), t);
                }
            }
        }
        return out;
    }
}
