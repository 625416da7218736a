package io.hoptrace.bench.tracer;

import io.hoptrace.events.EventLineParser;
import io.hoptrace.tracer.internal.net.LineChars;
import io.hoptrace.tracer.internal.net.LineSink;
import io.hoptrace.tracer.internal.net.StatsConnection;
import io.hoptrace.tracer.internal.net.StatsLineDecoder;
import io.hoptrace.tracer.internal.table.SessionShard;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Heap per live session: a table of {@code sessions} open sessions (one million by default) loaded through the
 * tracer's path (the {@code +} lines of a {@code show events full snapshot} in 64 KiB reads, {@link StatsLineDecoder},
 * {@link EventLineParser#scan}, {@link SessionShard#apply(EventLineParser, long)}), and the heap in use after a full
 * GC before and after, from {@link MemoryMXBean}. The difference over the number of sessions is
 * {@code bytesPerSession}, everything the table holds for them included (entries, id index, the four endpoint
 * indexes, interned IPv6 addresses); the generated lines are allocated before the first measurement, so they do not
 * count. The score is the time to load the table (one snapshot of that many sessions).
 *
 * <p>{@code ipv6Percent=0}: IPv4 sessions, clients from 65,536 addresses; {@code 100}: IPv6 clients, each with its
 * own address (the worst case: one interned address per session). See {@link TracerEventStream}.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar TracerMemoryBenchmark}: one load per case, so that the
 * {@code bytesPerSession} line is that load's figure (JMH sums auxiliary counters over iterations and forks; run the
 * command again for another sample). The footprint does not depend on the JIT, so there is no warm-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
public class TracerMemoryBenchmark {
    @Param("1000000")
    public int sessions;

    @Param({"0", "100"})
    public int ipv6Percent;

    private static final int READ = 64 * 1024;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private TracerEventStream stream;
    private Loader loader;
    private long before;

    /** Reported next to the load time: heap bytes per open session, and sessions loaded as a check. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Footprint {
        public double bytesPerSession;
        public long openSessions;
    }

    /** The tracer's line path into one shard. */
    private static final class Loader implements LineSink {
        final EventLineParser parser = new EventLineParser();
        final SessionShard shard = new SessionShard("edge");

        @Override
        public void line(LineChars line, long receivedMicros) {
            if (parser.scan(line) != null) {
                shard.apply(parser, receivedMicros);
            }
        }

        @Override
        public void overlong(int length) {
            throw new IllegalStateException("the generated stream has a line of " + length + " bytes");
        }
    }

    @Setup(Level.Trial)
    public void generate() {
        stream = TracerEventStream.opens(sessions, ipv6Percent, 42);
    }

    @Setup(Level.Iteration)
    public void measureBefore() {
        loader = null;
        before = usedAfterFullGc();
    }

    @Benchmark
    public void load(Footprint footprint) {
        Loader l = new Loader();
        EmbeddedChannel channel = new EmbeddedChannel(new StatsLineDecoder(l, StatsConnection.MAX_LINE));
        byte[] bytes = stream.bytes();
        for (int at = 0; at < bytes.length; at += READ) {
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, at, Math.min(READ, bytes.length - at)));
        }
        channel.finishAndReleaseAll();
        loader = l;
        long after = usedAfterFullGc();
        int open = l.shard.openCount();
        if (open != sessions) {
            throw new IllegalStateException("expected " + sessions + " open sessions, got " + open);
        }
        footprint.openSessions = open;
        footprint.bytesPerSession = (double) (after - before) / open;
    }

    @TearDown(Level.Iteration)
    public void release() {
        loader = null;
    }

    /**
     * Heap in use after full collections, the smallest of a few: a collection's result can include garbage another
     * one frees (G1 runs a full GC on {@link System#gc}).
     */
    private long usedAfterFullGc() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            min = Math.min(min, memory.getHeapMemoryUsage().getUsed());
        }
        return min;
    }
}
