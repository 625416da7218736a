package io.hoptrace.tracer;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.EventRecord;
import io.hoptrace.events.FourTuple;
import io.hoptrace.tracer.internal.table.SessionShard;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live sessions of one or more proxies, keyed by (source, session id), built by applying {@link EventRecord}s:
 * what a {@link Tracer} receives, or what {@link Replay} reads back from a recording.
 *
 * <p>Each entry holds the four addresses, the frontend/backend/server names and the open time; once closed, the
 * bytes, duration and reason, and it lingers for {@link #linger()} so that late lookups (a packet capture read
 * after the fact) still resolve. Lookups by session id, by endpoint ({@code ip:port} in any role) and by
 * four-tuple are O(1) plus the number of matches.
 *
 * <p>Thread safety: one writer per source (each source's records must be applied in order, by one thread at a
 * time), any number of concurrent readers. Results are copies taken at lookup time.
 *
 * <p>Memory: entries are packed (primitive endpoint keys, interned names and addresses); about 210 bytes per live
 * IPv4 session including its indexes with a million sessions, 250 when each session has its own IPv6 client
 * address (docs/BENCHMARKS.md, "Tracer").
 */
public final class SessionTable {
    /** How long closed sessions stay resolvable unless told otherwise. */
    public static final Duration DEFAULT_LINGER = Duration.ofSeconds(60);

    private final ConcurrentHashMap<String, SessionShard> shards = new ConcurrentHashMap<>();
    private final Duration linger;
    private final long lingerMicros;

    public SessionTable() {
        this(DEFAULT_LINGER);
    }

    public SessionTable(Duration linger) {
        Objects.requireNonNull(linger, "linger");
        if (linger.isNegative()) {
            throw new IllegalArgumentException("linger: expected a duration of zero or more, got " + linger);
        }
        this.linger = linger;
        this.lingerMicros = linger.toNanos() / 1_000;
    }

    /** How long a closed session stays in the table after its close. */
    public Duration linger() {
        return linger;
    }

    /**
     * Applies one record: {@code open} adds a session (replacing a closed or different one with the same id),
     * {@code close} closes it with its bytes, duration and reason, {@code failed} adds an already ended session;
     * {@code dropped} and {@code snapshot} markers change nothing. Returns true when the table changed.
     */
    public boolean apply(EventRecord record) {
        return shard(record.source()).apply(record);
    }

    /**
     * Drops the closed sessions whose close is older than the linger time at {@code nowMicros} (microseconds since
     * the epoch). A {@link Tracer} calls this every second; call it yourself on a table you fill by hand.
     */
    public int expire(long nowMicros) {
        int n = 0;
        for (SessionShard s : shards.values()) {
            n += s.expire(nowMicros, lingerMicros);
        }
        return n;
    }

    public Optional<TracedSession> get(String source, long id) {
        SessionShard s = shards.get(source);
        return s == null ? Optional.empty() : Optional.ofNullable(s.get(id));
    }

    /** The sessions using {@code endpoint} as client, frontend, backend or server, each once. */
    public List<TracedSession> byEndpoint(Endpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        List<TracedSession> out = new ArrayList<>();
        if (!endpoint.isUnknown()) {
            for (SessionShard s : shards.values()) {
                s.byEndpoint(endpoint, out);
            }
        }
        return out;
    }

    /** The sessions using {@code endpoint} in one role. */
    public List<TracedSession> byEndpoint(Endpoint endpoint, TracedSession.Role role) {
        Objects.requireNonNull(endpoint, "endpoint");
        List<TracedSession> out = new ArrayList<>();
        if (!endpoint.isUnknown()) {
            for (SessionShard s : shards.values()) {
                s.byEndpoint(endpoint, role.ordinal(), out);
            }
        }
        return out;
    }

    /**
     * The sessions whose front tuple (client to frontend) or back tuple (backend to server) is {@code tuple}, in
     * either orientation: a packet's source and destination, whichever way it travelled.
     */
    public List<TracedSession> byTuple(FourTuple tuple) {
        Objects.requireNonNull(tuple, "tuple");
        List<TracedSession> out = new ArrayList<>();
        for (SessionShard s : shards.values()) {
            s.byTuple(tuple, out);
        }
        return out;
    }

    /** Every session, open or lingering, of every source. */
    public List<TracedSession> sessions() {
        List<TracedSession> out = new ArrayList<>();
        for (SessionShard s : shards.values()) {
            s.forEach(out::add);
        }
        return out;
    }

    /** Every session, open or lingering, of one source. */
    public List<TracedSession> sessions(String source) {
        List<TracedSession> out = new ArrayList<>();
        SessionShard s = shards.get(source);
        if (s != null) {
            s.forEach(out::add);
        }
        return out;
    }

    /** Open sessions, all sources. */
    public int openCount() {
        int n = 0;
        for (SessionShard s : shards.values()) {
            n += s.openCount();
        }
        return n;
    }

    public int openCount(String source) {
        SessionShard s = shards.get(source);
        return s == null ? 0 : s.openCount();
    }

    /** Closed (and failed) sessions still lingering, all sources. */
    public int closedCount() {
        int n = 0;
        for (SessionShard s : shards.values()) {
            n += s.closedCount();
        }
        return n;
    }

    /** The sources that have reported anything, sorted. */
    public Set<String> sources() {
        return new TreeSet<>(shards.keySet());
    }

    /** The shard of a source, created on first use (the tracer's sources write through it). */
    SessionShard shard(String source) {
        return shards.computeIfAbsent(source, SessionShard::new);
    }

    @Override
    public String toString() {
        return "SessionTable[open=" + openCount() + ", lingering=" + closedCount() + ", linger=" + linger + "]";
    }
}
