package io.hoptrace.correlator;

import io.hoptrace.correlator.internal.live.LiveEngine;
import io.hoptrace.events.EventRecord;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A correlation that runs while it happens: session records from a tracer and packets from a live capture go in,
 * and each client connection's {@link Trace} comes out once it is over. The same code as a {@link Correlator}
 * run tracks the connections, matches sessions to them, chains the hops and builds the traces, so a trace
 * reported live is the trace a batch run over the same records and packets would report.
 *
 * <p>A trace is reported when its chain is complete: every session of it has closed, the last one at least the
 * grace period ago (default 1 s), so that the closing FIN and ACK packets, which the capture delivers up to a
 * read timeout later, are counted. Then its sessions and connections are forgotten: memory holds what is live,
 * not what was. A session whose connections no capture saw is reported like any other, its hops "not captured";
 * a captured connection that no session claims within the grace period and {@code maxSkew} after it ended (or
 * after {@code idleSplit} of silence, 10 minutes when zero) is dropped and counted as unexplained. Both are
 * listed in the summary {@link #finish} returns, as a batch report lists them (the first 1000 of each).
 *
 * <pre>{@code
 * LiveCorrelator live = new LiveCorrelator(CorrelationOptions.defaults(), LiveCorrelator.DEFAULT_GRACE, print);
 * Tracer tracer = Tracer.start(sources, new SessionTable(), live::offer);     // records: any thread
 * try (LiveCapture capture = LiveCapture.open("lo", filter, 0)) {
 *     // an idle capture blocks in libpcap: another thread calls capture.wakeup() every 100 ms
 *     while (!stopped) {
 *         Packet p = capture.poll();                                         // the correlation thread
 *         if (p != null) {
 *             live.packet(p);
 *         }
 *         live.poll();                                                       // print(trace) happens here
 *     }
 * }
 * tracer.close();
 * CorrelationReport summary = live.finish(true);
 * }</pre>
 *
 * <p>Threads: {@link #offer} may be called from any thread (a tracer calls its listener on each source's
 * thread); it only queues. Everything else, and the sink, run on one correlation thread, which must call
 * {@link #poll} every few hundred milliseconds at least, packets or not: a trace is reported from there, at the
 * first call after its grace period ({@link LiveCapture#wakeup()} ends an idle wait for packets).
 */
public final class LiveCorrelator {
    /** How long after the last session of a chain closed its trace is reported. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(1);

    private final LiveEngine engine;

    /** {@code sink} receives each complete trace the options' follow filter selects, on the correlation thread. */
    public LiveCorrelator(CorrelationOptions options, Duration grace, Consumer<Trace> sink) {
        this(options, grace, sink, LiveCorrelator::wallClockNanos);
    }

    /** With the clock that tells when records arrived and how long ago packets were captured (tests). */
    LiveCorrelator(CorrelationOptions options, Duration grace, Consumer<Trace> sink, LongSupplier clockNanos) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(clockNanos, "clockNanos");
        if (grace.isNegative() || grace.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("grace: expected a duration from 0 to 10 minutes, got " + grace);
        }
        engine = new LiveEngine(options, grace.toNanos(), clockNanos, sink);
    }

    /** Queues a record of a session (open, close, failure, dropped); from any thread. */
    public void offer(EventRecord record) {
        engine.offer(Objects.requireNonNull(record, "record"));
    }

    /** Counts a captured packet into its connection (correlation thread). The packet may be reused afterwards. */
    public void packet(Packet packet) {
        engine.packet(packet);
    }

    /**
     * Takes in the queued records, reports the traces that are complete now, and (every second) drops the
     * connections nobody claims. Correlation thread.
     */
    public void poll() {
        engine.poll();
    }

    /**
     * Ends the correlation: takes in the queued records, reports what is left when {@code reportOpen} (chains with
     * sessions still open or in their grace period, as they are: open sessions without a close, connections
     * "still open"), drops everything, and returns the summary: no traces (they were reported as they came), the
     * unexplained connections and uncaptured sessions, warnings (events the proxies dropped for the tracer, and
     * sessions left unreported without {@code reportOpen}) and the figures of the whole run.
     */
    public CorrelationReport finish(boolean reportOpen) {
        return engine.finish(reportOpen);
    }

    /** Sessions waiting for their trace to be complete (open, or in their grace period). */
    public int pendingSessions() {
        return engine.pendingSessions();
    }

    /** Connection instances in the flow table: of waiting sessions, or not claimed yet. */
    public int liveConnections() {
        return engine.liveConnections();
    }

    /** Records offered and not taken in yet. */
    public int queuedRecords() {
        return engine.queuedRecords();
    }

    private static long wallClockNanos() {
        // Capture timestamps are the system's real-time clock; milliseconds are plenty for a grace period.
        return System.currentTimeMillis() * 1_000_000L;
    }
}
