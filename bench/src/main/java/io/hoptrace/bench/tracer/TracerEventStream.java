package io.hoptrace.bench.tracer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A generated {@code show events full} stream in steady state, as the bytes a tracer reads from a hoptrace proxy's
 * stats socket (docs/protocol.md, "Event lines"), cut into reads of {@link #CHUNK_EVENTS} whole lines.
 *
 * <p>Shape: the first {@code live} lines open sessions (the ramp-up); from then on opens and closes alternate, each
 * close picking a random live session, so the live set stays at {@code live} (plus or minus one) and lifetimes vary
 * (geometrically, {@code live} events on average). Ids increase by one per session as a proxy numbers them.
 *
 * <p>Addresses: the client is one of 65,536 addresses of 10.1.0.0/16 with a random ephemeral port, the frontend
 * 10.0.0.10:443, the backend (the proxy's outgoing socket) the next free ephemeral port of 10.0.1.10-73, the server
 * one of four at 10.0.2.1-4:8443 (names s1-s4, frontend {@code web}, backend {@code app}). {@code ipv6Percent} of the
 * sessions arrive over IPv6 instead: client 2001:db8:1::(session id), a different address per session (the worst
 * case for the table, which interns IPv6 addresses), frontend [2001:db8::10]:443; their backend side stays IPv4
 * as usual for a dual-stack edge. Closes carry bytes, a duration and one of the common reasons.
 *
 * <p>Time: the {@code ts=} of consecutive events are {@code stepMicros} apart, chosen by the caller; a table with
 * the default 60 s linger then holds {@code 60 s / stepMicros / 2} lingering closed sessions in steady state.
 */
public final class TracerEventStream {
    /** Lines per read, i.e. per benchmark invocation: about 23 KB, a typical socket read of a busy stream. */
    public static final int CHUNK_EVENTS = 256;

    /** 2026-11-26T05:54:23Z, the era of the samples. */
    public static final long START_MICROS = 1_795_674_863_000_000L;

    private static final String[] TERMS = {"client-fin", "client-fin", "client-fin", "server-fin", "client-rst",
        "server-rst", "client-timeout"};

    private final byte[] bytes;
    private final int[] chunkStarts;
    private final int events;
    private final long endMicros;

    private TracerEventStream(byte[] bytes, int[] chunkStarts, int events, long endMicros) {
        this.bytes = bytes;
        this.chunkStarts = chunkStarts;
        this.events = events;
        this.endMicros = endMicros;
    }

    /**
     * Generates about {@code events} lines (rounded up to whole chunks) with a steady live set of {@code live}
     * sessions; deterministic for a given seed.
     */
    public static TracerEventStream generate(int events, int live, int ipv6Percent, long stepMicros, long seed) {
        if (events < 2 * live) {
            throw new IllegalArgumentException("events: expected at least twice live (" + live + "), got "
                    + events);
        }
        return generate((events + CHUNK_EVENTS - 1) / CHUNK_EVENTS * CHUNK_EVENTS, live, ipv6Percent, stepMicros,
                seed, true);
    }

    /** Exactly {@code sessions} open lines and nothing else: the ramp-up alone, a table of that many sessions. */
    public static TracerEventStream opens(int sessions, int ipv6Percent, long seed) {
        return generate(sessions, sessions, ipv6Percent, 1, seed, false);
    }

    private static TracerEventStream generate(int total, int live, int ipv6Percent, long stepMicros, long seed,
                                              boolean wholeChunks) {
        if (live < 1) {
            throw new IllegalArgumentException("live: expected at least 1, got " + live);
        }
        if (ipv6Percent < 0 || ipv6Percent > 100) {
            throw new IllegalArgumentException("ipv6Percent: expected 0..100, got " + ipv6Percent);
        }
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(192);
        byte[] out = new byte[total * 96];
        int length = 0;
        // Whole chunks: one per CHUNK_EVENTS lines; else one chunk of everything.
        int[] chunkStarts = new int[wholeChunks ? total / CHUNK_EVENTS + 1 : 2];
        long[] open = new long[live + 1];
        long[] openedAt = new long[live + 1];
        int openCount = 0;
        long nextId = 1;
        long ts = START_MICROS;
        for (int n = 0; n < total; n++) {
            if (wholeChunks && n % CHUNK_EVENTS == 0) {
                chunkStarts[n / CHUNK_EVENTS] = length;
            }
            sb.setLength(0);
            boolean opening = openCount < live || (n - live) % 2 == 0;
            if (opening) {
                long id = nextId++;
                appendOpen(sb, id, ts, random, random.nextInt(100) < ipv6Percent);
                open[openCount] = id;
                openedAt[openCount++] = ts;
            } else {
                int k = random.nextInt(openCount);
                long id = open[k];
                long dur = ts - openedAt[k];
                open[k] = open[--openCount];
                openedAt[k] = openedAt[openCount];
                appendClose(sb, id, ts, dur, random);
            }
            sb.append('\n');
            if (length + sb.length() > out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            for (int i = 0; i < sb.length(); i++) {
                out[length++] = (byte) sb.charAt(i); // ASCII only
            }
            ts += stepMicros;
        }
        chunkStarts[chunkStarts.length - 1] = length;
        return new TracerEventStream(Arrays.copyOf(out, length), chunkStarts, total, ts);
    }

    private static void appendOpen(StringBuilder sb, long id, long ts, SplittableRandom random, boolean v6) {
        int server = random.nextInt(4) + 1;
        int clientHost = random.nextInt(65536);
        sb.append("+ ").append(id).append(' ');
        if (v6) {
            // One address per session, the worst case for the table's IPv6 intern table (an IPv4 address costs
            // nothing whether it repeats or not).
            sb.append("[2001:db8:1::").append(Long.toHexString(id >>> 16 & 0xffff)).append(':')
                    .append(Long.toHexString(id & 0xffff)).append("]:").append(ephemeralPort(random))
                    .append(" [2001:db8::10]:443 ");
        } else {
            sb.append("10.1.").append(clientHost >>> 8).append('.').append(clientHost & 0xff).append(':')
                    .append(ephemeralPort(random)).append(" 10.0.0.10:443 ");
        }
        // The proxy's own source address: ports go round the ephemeral range, then on to the next of 64 source
        // addresses, so two live sessions never share one (as a real proxy needs once it holds more connections
        // than one address has ports).
        long slot = id % (64L * EPHEMERAL_PORTS);
        sb.append("10.0.1.").append(10 + slot / EPHEMERAL_PORTS).append(':').append(32768 + slot % EPHEMERAL_PORTS)
                .append(" 10.0.2.").append(server).append(":8443")
                .append(" ts=").append(ts).append(" fe=web be=app srv=s").append(server);
    }

    private static void appendClose(StringBuilder sb, long id, long ts, long dur, SplittableRandom random) {
        sb.append("- ").append(id).append(" ts=").append(ts).append(" bin=").append(200 + random.nextInt(4000))
                .append(" bout=").append(500 + random.nextInt(200_000)).append(" dur=").append(dur)
                .append(" term=").append(TERMS[random.nextInt(TERMS.length)]);
    }

    /** Linux's default ip_local_port_range, 32768-60999. */
    private static final int EPHEMERAL_PORTS = 60999 - 32768 + 1;

    private static int ephemeralPort(SplittableRandom random) {
        return 32768 + random.nextInt(EPHEMERAL_PORTS);
    }

    public byte[] bytes() {
        return bytes;
    }

    public int events() {
        return events;
    }

    public int chunks() {
        return chunkStarts.length - 1;
    }

    /** Byte offset of chunk {@code i}; {@code chunkStart(chunks())} is the length. */
    public int chunkStart(int i) {
        return chunkStarts[i];
    }

    /** The {@code ts=} the event after the last one would have. */
    public long endMicros() {
        return endMicros;
    }

    /** The stream as text (tests, debugging). */
    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
