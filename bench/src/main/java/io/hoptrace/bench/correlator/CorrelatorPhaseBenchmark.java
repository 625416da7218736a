package io.hoptrace.bench.correlator;

import io.hoptrace.correlator.CaptureFiles;
import io.hoptrace.correlator.CorrelationOptions;
import io.hoptrace.correlator.CorrelationReport;
import io.hoptrace.correlator.Correlator;
import io.hoptrace.correlator.ProgressListener;
import io.hoptrace.correlator.internal.flow.FlowTable;
import io.hoptrace.correlator.internal.input.CapturePass;
import io.hoptrace.events.EventLogReader;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The phases of {@code hoptrace correlate} on the generated capture, each alone, so that a regression shows where
 * it is: the event logs parsed into sessions, the capture pass (read, decode, connection tracking), and the whole
 * correlation (both, the logs on a second thread, then matching, chaining and building the traces). Writing the
 * report is {@link ReportWriteBenchmark}. Default options, as the command line uses them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
public class CorrelatorPhaseBenchmark {
    /** Directory of the generated capture and event logs (bench/gen-capture.py --out). */
    @Param("bench/out")
    public String dir;

    private BenchCapture input;
    private final CorrelationOptions options = CorrelationOptions.defaults();

    @Setup
    public void setUp() {
        input = BenchCapture.in(dir);
    }

    /** Both event logs read (JSON Lines) and paired into sessions, on this thread. */
    @Benchmark
    public Correlator eventLogs() throws IOException {
        Correlator c = new Correlator(options);
        try (EventLogReader edge = EventLogReader.open(input.edgeLog(), null);
             EventLogReader mid = EventLogReader.open(input.midLog(), null)) {
            c.addEventLog(edge);
            c.addEventLog(mid);
        }
        return c;
    }

    /** Every packet read, decoded and counted into its connection instance: connections found. */
    @Benchmark
    public int capturePass() throws IOException {
        CapturePass pass = new CapturePass(List.of(CaptureFiles.open(input.capture(), 0)),
                options.idleSplit().toNanos(), options.dedupeWindow().toNanos(), d -> {
                    throw new IllegalStateException("the generated capture is damaged: " + d);
                });
        FlowTable table = pass.run(ProgressListener.NONE, null);
        return table.connectionCount();
    }

    /** The whole correlation up to the report: what {@code hoptrace correlate} does before writing. */
    @Benchmark
    public CorrelationReport correlate() throws IOException {
        Correlator c = new Correlator(options);
        c.addEventLog(input.edgeLog(), null);
        c.addEventLog(input.midLog(), null);
        c.addPacketSource(CaptureFiles.open(input.capture(), 0));
        return c.run();
    }
}
