package io.hoptrace.tracer;

import io.hoptrace.events.EventRecord;
import io.hoptrace.events.Timestamps;
import io.hoptrace.tracer.internal.net.StatsTransport;
import io.hoptrace.tracer.internal.source.SourceRunner;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows the stats sockets of one or more proxies and keeps a {@link SessionTable} of their sessions.
 *
 * <p>Each source has its own connection(s) and runs on its own event loop: a source that is down or slow never
 * stalls the others. A hoptrace proxy is followed through {@code show events full snapshot}; a stock HAProxy is
 * polled with {@code show sess all}, plus its log ring when one is named (see {@link SourceSpec}). After any gap
 * (reconnect, {@code ! dropped}, failed poll) the source is resynchronised from a snapshot and what vanished in
 * the meantime is closed as {@code term=lost}, so the table has neither ghosts nor holes.
 *
 * <pre>{@code
 * SessionTable table = new SessionTable();
 * try (Tracer tracer = Tracer.start(List.of(SourceSpec.parse("edge=/run/edge.sock")), table, recorder)) {
 *     tracer.awaitSynced(Duration.ofSeconds(5));
 *     table.byEndpoint(Endpoint.parse("10.0.0.5:50869"));
 * }
 * }</pre>
 *
 * <p>The listener receives every record applied to the table, in order per source, on that source's thread (so it
 * must be thread-safe when there are several sources, and quick); {@link EventRecorder} is one.
 */
public final class Tracer implements AutoCloseable {
    private final SessionTable table;
    private final StatsTransport transport;
    private final Map<String, SourceRunner> runners = new LinkedHashMap<>();
    private final Object monitor = new Object();
    private final ScheduledFuture<?> expiry;
    private boolean closed;

    private Tracer(List<SourceSpec> sources, SessionTable table, Consumer<EventRecord> listener,
                   TracerOptions options) {
        this.table = table;
        this.transport = StatsTransport.create(Math.max(1, Math.min(sources.size(),
                Runtime.getRuntime().availableProcessors())));
        for (SourceSpec s : sources) {
            runners.put(s.name(), new SourceRunner(s, table.shard(s.name()), transport, options, listener,
                    this::changed));
        }
        expiry = transport.nextLoop().scheduleAtFixedRate(() -> table.expire(Timestamps.nowMicros()), 1, 1,
                TimeUnit.SECONDS);
        runners.values().forEach(SourceRunner::start);
    }

    /** Starts following {@code sources} with the default options; {@code listener} may be null. */
    public static Tracer start(List<SourceSpec> sources, SessionTable table, Consumer<EventRecord> listener) {
        return start(sources, table, listener, TracerOptions.DEFAULT);
    }

    /** Starts following {@code sources}; {@code listener} (may be null) receives every applied record. */
    public static Tracer start(List<SourceSpec> sources, SessionTable table, Consumer<EventRecord> listener,
                               TracerOptions options) {
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(options, "options");
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("sources: expected at least one stats socket, got none");
        }
        Set<String> names = new HashSet<>();
        for (SourceSpec s : sources) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("source: expected distinct names, got '" + s.name()
                        + "' twice (name them: -s NAME=ADDR)");
            }
        }
        return new Tracer(List.copyOf(sources), table, listener, options);
    }

    public SessionTable table() {
        return table;
    }

    /**
     * Waits until every source is synced (its sessions are all in the table and it is following them live).
     * Returns false if that did not happen within {@code timeout}.
     */
    public boolean awaitSynced(Duration timeout) throws InterruptedException {
        return await(timeout, r -> r.counters().synced());
    }

    /**
     * Waits until every source has either synced or failed at least one attempt, and returns the ones that are
     * not synced with their last error (empty when all are synced). For one-shot use: tell the user at once
     * which socket cannot be reached instead of retrying silently.
     */
    public Map<String, String> awaitStarted(Duration timeout) throws InterruptedException {
        await(timeout, r -> r.counters().synced() || r.counters().attempted());
        Map<String, String> failures = new LinkedHashMap<>();
        for (SourceRunner r : runners.values()) {
            if (!r.counters().synced()) {
                String e = r.counters().lastError();
                failures.put(r.name(), e != null ? e : "no answer within " + timeout.toMillis() + " ms");
            }
        }
        return failures;
    }

    private boolean await(Duration timeout, java.util.function.Predicate<SourceRunner> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (true) {
                if (runners.values().stream().allMatch(done)) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(monitor, left);
            }
        }
    }

    /** Statistics of every source, in the order they were given. */
    public List<SourceStats> stats() {
        List<SourceStats> out = new ArrayList<>();
        runners.values().forEach(r -> out.add(r.stats()));
        return out;
    }

    public SourceStats stats(String source) {
        SourceRunner r = runners.get(source);
        if (r == null) {
            throw new IllegalArgumentException("source: expected one of " + runners.keySet() + ", got '" + source
                    + "'");
        }
        return r.stats();
    }

    private void changed() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /** Stops every source and closes their connections; the table keeps what it has. */
    @Override
    public void close() {
        synchronized (monitor) {
            if (closed) {
                return;
            }
            closed = true;
            monitor.notifyAll();
        }
        expiry.cancel(false);
        List<Future<?>> stops = new ArrayList<>();
        runners.values().forEach(r -> stops.add(r.close()));
        for (Future<?> f : stops) {
            f.awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        transport.close();
    }
}
