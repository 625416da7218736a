package io.hoptrace.bench.correlator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every correlator benchmark once, in this JVM, on a tiny generated capture, so that they cannot rot: a
 * benchmark that no longer compiles, finds no input or throws fails the build. Not a measurement.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CorrelatorBenchmarksSmokeTest {
    @TempDir
    static Path tiny;

    @BeforeAll
    static void generateTinyCapture() throws IOException, InterruptedException {
        // The generator the real runs use (bench/gen-capture.py; Maven runs tests in the module directory).
        Process p = new ProcessBuilder("python3", "gen-capture.py", "--connections", "20", "--segments", "2",
                "--out", tiny.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gen-capture.py did not finish in 60 s");
        assertEquals(0, p.exitValue(), "gen-capture.py failed: " + output);
        assertTrue(Files.size(tiny.resolve("chain.pcap")) > 24, "no packets generated: " + output);
    }

    private static Collection<RunResult> runOnce(Class<?> benchmark) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(benchmark.getName() + "\\.")
                .param("dir", tiny.toString())
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(1))
                .shouldFailOnError(true)
                .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                .build();
        return new Runner(options).run();
    }

    private static Set<String> names(Collection<RunResult> results) {
        Set<String> names = new TreeSet<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            names.add(label.substring(label.lastIndexOf('.') + 1));
        }
        return names;
    }

    @Test
    void pcap4jReadLoopsRun() throws RunnerException {
        assertEquals(Set.of("getNextRawPacket", "loop"), names(runOnce(Pcap4jReadBenchmark.class)));
    }

    @Test
    void captureReaderRuns() throws RunnerException {
        assertEquals(Set.of("readAndDecode"), names(runOnce(CaptureReadBenchmark.class)));
    }

    @Test
    void correlatorPhasesRun() throws RunnerException {
        assertEquals(Set.of("capturePass", "correlate", "eventLogs"), names(runOnce(CorrelatorPhaseBenchmark.class)));
    }

    @Test
    void reportWritersRun() throws RunnerException {
        assertEquals(Set.of("json", "text"), names(runOnce(ReportWriteBenchmark.class)));
    }
}
