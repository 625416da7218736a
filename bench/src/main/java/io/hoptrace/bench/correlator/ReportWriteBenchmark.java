package io.hoptrace.bench.correlator;

import io.hoptrace.correlator.CaptureFiles;
import io.hoptrace.correlator.CorrelationOptions;
import io.hoptrace.correlator.CorrelationReport;
import io.hoptrace.correlator.Correlator;
import io.hoptrace.correlator.ReportWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writing the report of the generated capture (one trace per client connection) as text and as JSON Lines, into a
 * writer that counts characters and drops them: the formatting alone, without a terminal or a disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
public class ReportWriteBenchmark {
    /** Directory of the generated capture and event logs (bench/gen-capture.py --out). */
    @Param("bench/out")
    public String dir;

    private CorrelationReport report;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        BenchCapture input = BenchCapture.in(dir);
        Correlator c = new Correlator(CorrelationOptions.defaults());
        c.addEventLog(input.edgeLog(), null);
        c.addEventLog(input.midLog(), null);
        c.addPacketSource(CaptureFiles.open(input.capture(), 0));
        report = c.run();
    }

    /** The readable report: characters written. */
    @Benchmark
    public long text() throws IOException {
        CountingWriter w = new CountingWriter();
        ReportWriter.writeText(report, w);
        return w.chars;
    }

    /** JSON Lines, one trace per line: characters written. */
    @Benchmark
    public long json() throws IOException {
        CountingWriter w = new CountingWriter();
        ReportWriter.writeJsonLines(report, w);
        return w.chars;
    }

    /** Counts what it is given and keeps none of it. */
    private static final class CountingWriter extends Writer {
        long chars;

        @Override
        public void write(char[] buf, int off, int len) {
            chars += len;
        }

        @Override
        public void write(String s, int off, int len) {
            chars += len;
        }

        @Override
        public void write(int c) {
            chars++;
        }

        @Override
        public Writer append(CharSequence s) {
            chars += s.length();
            return this;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
