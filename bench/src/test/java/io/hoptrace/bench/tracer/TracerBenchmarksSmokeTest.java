package io.hoptrace.bench.tracer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.events.EventLineParser;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the tracer benchmarks once each, in this JVM, on tiny inputs, so that they cannot rot: a benchmark that no
 * longer compiles, throws, or finds the table out of the steady state it expects fails the build. Not a
 * measurement.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TracerBenchmarksSmokeTest {
    private static RunResult runOnce(Class<?> benchmark, String method, String... params) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(benchmark.getName() + "\\." + method + "$")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .addProfiler(ThreadCpuProfiler.class)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
        for (int i = 0; i < params.length; i += 2) {
            options.param(params[i], params[i + 1]);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        assertEquals(1, results.size(), "one benchmark, one parameter combination");
        return results.iterator().next();
    }

    @Test
    void parseAndApplyRunsThroughSeveralReplaysOfTheStream() throws RunnerException {
        // 4,096 events with 1,000 live: the stream is replayed (and the steady state checked) many times in 200 ms.
        RunResult r = runOnce(TracerApplyBenchmark.class, "parseAndApply", "events", "4096", "live", "1000",
                "ipv6Percent", "10");
        assertTrue(r.getPrimaryResult().getScore() > 0, "no events applied");
        Result cpu = r.getSecondaryResults().get("cpu.thrpt");
        assertTrue(cpu != null && cpu.getScore() > 0, "ThreadCpuProfiler reported " + r.getSecondaryResults());
    }

    @Test
    void parseOnlyRuns() throws RunnerException {
        RunResult r = runOnce(TracerApplyBenchmark.class, "parseOnly", "events", "4096", "live", "1000");
        assertTrue(r.getPrimaryResult().getScore() > 0, "no lines parsed");
    }

    @Test
    void memoryLoadsEverySessionAndReportsItsFootprint() throws RunnerException {
        for (String ipv6 : new String[] {"0", "100"}) {
            RunResult r = runOnce(TracerMemoryBenchmark.class, "load", "sessions", "20000", "ipv6Percent", ipv6);
            assertEquals(20000, r.getSecondaryResults().get("openSessions").getScore(), 0.0);
            double perSession = r.getSecondaryResults().get("bytesPerSession").getScore();
            // Not a measurement (tiny table, no warm-up), only a sign that the heap figures were read at all.
            assertTrue(perSession > 0, "bytesPerSession " + perSession);
        }
    }

    @Test
    void everyGeneratedLineIsAnEventTheParserAccepts() {
        TracerEventStream s = TracerEventStream.generate(2048, 300, 50, 1000, 7);
        EventLineParser parser = new EventLineParser();
        String[] lines = new String(s.bytes(), StandardCharsets.US_ASCII).split("\n");
        assertEquals(s.events(), lines.length);
        int opens = 0;
        for (String line : lines) {
            if (parser.scan(line) == EventLineParser.Kind.OPEN) {
                opens++;
            }
        }
        // Ramp-up of 300 opens, then opens and closes alternating.
        assertEquals(300 + (2048 - 300 + 1) / 2, opens);
        assertEquals(s.bytes().length, s.chunkStart(s.chunks()));
    }
}
