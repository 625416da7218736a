package io.hoptrace.bench.correlator;

import io.hoptrace.correlator.CaptureFiles;
import io.hoptrace.correlator.Packet;
import io.hoptrace.correlator.PacketSource;
import java.io.IOException;
import java.nio.file.Path;
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
 * hoptrace's own reader on the same file as {@link Pcap4jReadBenchmark}: every record read and decoded down to
 * the TCP header (addresses, ports, sequence numbers, flags, payload length), nothing allocated per packet.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
public class CaptureReadBenchmark {
    /** Directory of the generated capture (bench/gen-capture.py --out). */
    @Param("bench/out")
    public String dir;

    private Path capture;

    @Setup
    public void setUp() {
        capture = BenchCapture.in(dir).capture();
    }

    /** Reads and decodes every packet; returns a sum over decoded fields so that none of it is dead code. */
    @Benchmark
    public long readAndDecode() throws IOException {
        long sum = 0;
        try (PacketSource s = CaptureFiles.open(capture, 0)) {
            Packet p;
            while ((p = s.next()) != null) {
                sum += p.isTcp() ? p.payloadLength() + p.srcPort() + p.seq() + p.tcpFlags() + p.srcAddrLo() : 1;
            }
        }
        return sum;
    }
}
