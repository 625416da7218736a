package io.hoptrace.bench.tracer;

import io.hoptrace.events.EventLineParser;
import io.hoptrace.tracer.SessionTable;
import io.hoptrace.tracer.internal.net.LineChars;
import io.hoptrace.tracer.internal.net.LineSink;
import io.hoptrace.tracer.internal.net.StatsConnection;
import io.hoptrace.tracer.internal.net.StatsLineDecoder;
import io.hoptrace.tracer.internal.table.SessionShard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The tracer's hot path on one core: the bytes of a hoptrace proxy's {@code show events full} stream, split into
 * lines by the tracer's {@link StatsLineDecoder}, scanned by {@link EventLineParser} and applied to the source's
 * {@link SessionShard} of a {@link SessionTable}, with the expiry run once a second of stream time as the tracer's
 * timer does.
 * The score is events per second (one invocation is one read of {@link TracerEventStream#CHUNK_EVENTS} lines).
 * {@link #parseOnly} reads and parses the same lines without applying them, to show the parser's share.
 *
 * <p>The stream is a steady state ({@link TracerEventStream}): {@code live} sessions open, as many closed ones
 * lingering (the default 60 s linger at the stream's pace), opens and closes alternating, {@code ipv6Percent} of
 * the sessions over IPv6. When the pre-generated stream is used up, the table starts again empty and the stream
 * replays from its first line (the ramp-up is part of the stream, so every event counted is a real one).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar TracerApplyBenchmark} (see docs/BENCHMARKS.md, "Tracer").
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class TracerApplyBenchmark {
    /** Sessions open at any time. */
    @Param("10000")
    public int live;

    /** Share of the sessions that arrive over IPv6. */
    @Param("10")
    public int ipv6Percent;

    /** Events in the pre-generated stream (about 90 bytes each). */
    @Param("1000000")
    public int events;

    private static final String SOURCE = "edge";
    private static final long SECOND = 1_000_000L;
    /** The table's default linger, in microseconds. */
    private static final long LINGER = SessionTable.DEFAULT_LINGER.toNanos() / 1_000;

    private TracerEventStream stream;
    private final Applier applier = new Applier();
    private EmbeddedChannel channel;
    private int chunk;

    /**
     * What the tracer's follower does with each line of a live stream (HoptraceFollower.line and
     * SourceContext.applyScanned: scan the line, apply it to the source's shard in the read's batch), and after
     * each read (HoptraceFollower.endOfRead: end the batch). Between reads, the expiry the tracer's timer runs once
     * a second, here a second of the stream's own time.
     */
    private static final class Applier implements LineSink {
        final EventLineParser parser = new EventLineParser();
        SessionShard shard;
        long nextExpiry;
        long lastTs;
        boolean applying;
        long lines;

        @Override
        public void line(LineChars line, long receivedMicros) {
            lines++;
            if (parser.scan(line) != null && applying) {
                shard.applyInBatch(parser, receivedMicros);
                lastTs = parser.tsMicros();
            }
        }

        @Override
        public void endOfRead() {
            shard.endBatch();
            if (lastTs >= nextExpiry) {
                shard.expire(lastTs, LINGER);
                nextExpiry = lastTs + SECOND;
            }
        }

        @Override
        public void overlong(int length) {
            throw new IllegalStateException("the generated stream has a line of " + length + " bytes");
        }
    }

    @Setup(Level.Trial)
    public void generate() {
        // Lingering closed sessions = live: 60 s of linger at one session closed every (30 s / live).
        stream = TracerEventStream.generate(events, live, ipv6Percent, 30 * SECOND / live, 42);
        restart();
    }

    private void restart() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
        applier.shard = new SessionShard(SOURCE);
        applier.nextExpiry = TracerEventStream.START_MICROS + SECOND;
        channel = new EmbeddedChannel(new StatsLineDecoder(applier, StatsConnection.MAX_LINE));
        chunk = 0;
    }

    /** The goal: lines read, parsed and applied to the table, expiry included. */
    @Benchmark
    @OperationsPerInvocation(TracerEventStream.CHUNK_EVENTS)
    public void parseAndApply() {
        applier.applying = true;
        feedNextChunk();
    }

    /** The same lines read and parsed, not applied: the parser's share of {@link #parseAndApply}. */
    @Benchmark
    @OperationsPerInvocation(TracerEventStream.CHUNK_EVENTS)
    public long parseOnly() {
        applier.applying = false;
        feedNextChunk();
        return applier.lines;
    }

    private void feedNextChunk() {
        if (chunk == stream.chunks()) {
            if (applier.applying) {
                check();
            }
            restart();
        }
        int from = stream.chunkStart(chunk);
        int length = stream.chunkStart(chunk + 1) - from;
        // What a socket read hands the decoder: a pooled direct buffer (Netty's default allocator) the kernel has
        // copied the bytes into; here the copy is ours, a memcpy per read of 256 lines.
        ByteBuf read = PooledByteBufAllocator.DEFAULT.directBuffer(length);
        channel.writeInbound(read.writeBytes(stream.bytes(), from, length));
        chunk++;
    }

    /** The table must be in the steady state the stream describes, or the figure means nothing. */
    private void check() {
        SessionShard t = applier.shard;
        int open = t.openCount();
        if (open < live || open > live + 1) {
            throw new IllegalStateException("expected " + live + " open sessions after the stream, got " + open);
        }
        int lingering = t.closedCount();
        if (lingering < live * 9 / 10 || lingering > live * 11 / 10 + 1) {
            throw new IllegalStateException("expected about " + live + " lingering sessions, got " + lingering);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        channel.finishAndReleaseAll();
    }

    /** Open sessions now (for the smoke test). */
    public int openCount() {
        return applier.shard.openCount();
    }
}
