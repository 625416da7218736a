package io.hoptrace.bench.correlator;

import io.hoptrace.correlator.internal.capture.PcapLibraryLocator;
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
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;

/**
 * The anchor for reading a capture from Java: pcap4j (libpcap through JNA) reading the whole generated capture,
 * one JNA call per packet ({@code getNextRawPacket}) or one callback per packet inside {@code pcap_loop}
 * ({@code loop}). Raw bytes only, no decoding: the least a pcap4j-based tool does per packet. One operation is
 * one pass over the file (single shot); divide the file's packet count by its time for packets per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
public class Pcap4jReadBenchmark {
    /** Directory of the generated capture (bench/gen-capture.py --out). */
    @Param("bench/out")
    public String dir;

    private String capture;

    @Setup
    public void setUp() {
        capture = BenchCapture.in(dir).capture().toString();
        PcapLibraryLocator.configure();
    }

    /** {@code pcap_next_ex} through JNA per packet, the byte array copied out: packets read. */
    @Benchmark
    public long getNextRawPacket() throws PcapNativeException, NotOpenException {
        long packets = 0;
        long bytes = 0;
        try (PcapHandle h = Pcaps.openOffline(capture, PcapHandle.TimestampPrecision.NANO)) {
            byte[] frame;
            while ((frame = h.getNextRawPacket()) != null) {
                packets++;
                bytes += frame.length;
            }
        }
        return packets + bytes;
    }

    /** {@code pcap_loop} calling back into Java per packet: packets read. */
    @Benchmark
    public long loop() throws PcapNativeException, NotOpenException, InterruptedException {
        long[] count = new long[2];
        try (PcapHandle h = Pcaps.openOffline(capture, PcapHandle.TimestampPrecision.NANO)) {
            h.loop(-1, (byte[] frame) -> {
                count[0]++;
                count[1] += frame.length;
            });
        }
        return count[0] + count[1];
    }
}
