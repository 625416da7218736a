package io.hoptrace.correlator.internal.live;

import io.hoptrace.correlator.CorrelationOptions;
import io.hoptrace.correlator.CorrelationReport;
import io.hoptrace.correlator.FollowFilter;
import io.hoptrace.correlator.Packet;
import io.hoptrace.correlator.Trace;
import io.hoptrace.correlator.internal.flow.FlowState;
import io.hoptrace.correlator.internal.flow.FlowTable;
import io.hoptrace.correlator.internal.input.PacketCounter;
import io.hoptrace.events.EventRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The live correlation behind {@link io.hoptrace.correlator.LiveCorrelator}: records queue up from any thread;
 * packets, the reporting of complete traces and the sweeping of unclaimed connections happen on the correlation
 * thread. Time is the clock's (epoch nanoseconds, the capture's clock on the same host).
 */
public final class LiveEngine {
    /** How often unclaimed connections are swept and waiting sessions looked at again. */
    static final long SWEEP_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** A silent connection nobody claims is dropped after this long when the options do not split on idleness. */
    static final long DEFAULT_IDLE_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final Queue<EventRecord> records = new ConcurrentLinkedQueue<>();
    private final LongSupplier clock;
    private final long graceNanos;
    private final Consumer<Trace> sink;
    private final FollowFilter follow;
    private final FlowTable flows;
    private final PacketCounter counter;
    private final LiveSessionTable sessions = new LiveSessionTable();
    private final LiveSummary summary;
    private final LiveTraceAssembler assembler;
    private final LiveFlowSweeper sweeper;
    private final List<Trace> ready = new ArrayList<>();
    private long packets;
    private long nextSweep = Long.MIN_VALUE;
    private boolean finished;

    public LiveEngine(CorrelationOptions options, long graceNanos, LongSupplier clockNanos, Consumer<Trace> sink) {
        this.clock = clockNanos;
        this.graceNanos = graceNanos;
        this.sink = sink;
        this.follow = options.follow();
        long idle = options.idleSplit().toNanos();
        this.flows = new FlowTable(idle, false);
        this.counter = new PacketCounter(flows, null);
        this.summary = new LiveSummary(follow);
        long skew = options.maxSkew().toNanos();
        this.assembler = new LiveTraceAssembler(flows, sessions, summary, skew, graceNanos);
        this.sweeper = new LiveFlowSweeper(flows, sessions, summary, graceNanos + skew,
                idle > 0 ? idle : DEFAULT_IDLE_NANOS);
    }

    public void offer(EventRecord r) {
        records.add(r);
    }

    public void packet(Packet p) {
        packets++;
        if (p.isTcp()) {
            counter.count(p);
        }
    }

    public void poll() {
        requireRunning();
        long now = clock.getAsLong();
        drain(now);
        for (LiveSession s; (s = sessions.nextClosedBy(now - graceNanos)) != null; ) {
            assembler.assemble(sessions.component(s), now, false, ready);
        }
        if (now >= nextSweep) {
            nextSweep = now + SWEEP_NANOS;
            // A chain can also become complete without a close of its own: another chain took a session it was
            // linked to. Its sessions closed long enough ago are looked at again.
            for (LiveSession s : sessions.sessions()) {
                if (!s.isGone() && s.isClosed() && now - s.closedAtNanos() >= graceNanos + SWEEP_NANOS) {
                    assembler.assemble(sessions.component(s), now, false, ready);
                }
            }
            sweeper.sweep(now, false, assembler.converter());
            assembler.renewConverter();
        }
        report();
    }

    public CorrelationReport finish(boolean reportOpen) {
        requireRunning();
        long now = clock.getAsLong();
        drain(now);
        long unreported = 0;
        for (LiveSession s : sessions.sessions()) {
            if (s.isGone()) {
                continue;
            }
            if (reportOpen) {
                assembler.assemble(sessions.component(s), now, true, ready);
            } else {
                unreported++;
            }
        }
        report();
        sweeper.sweep(now, true, assembler.converter());
        CorrelationReport r = summary.report(packets, counter, sessions.dropped(), sessions.orphanCloses(),
                unreported);
        finished = true;
        sessions.clear();
        List<FlowState> left = new ArrayList<>();
        flows.forEach(left::add);
        left.forEach(flows::remove);
        records.clear();
        return r;
    }

    public int pendingSessions() {
        return sessions.size();
    }

    public int liveConnections() {
        return flows.size();
    }

    public int queuedRecords() {
        return records.size();
    }

    private void drain(long now) {
        for (EventRecord r; (r = records.poll()) != null; ) {
            sessions.apply(r, now);
        }
    }

    /** Hands the traces completed by this call to the sink, in order of their start, those the filter follows. */
    private void report() {
        if (ready.isEmpty()) {
            return;
        }
        ready.sort(Comparator.comparingLong((Trace t) -> t.startNanos() == Trace.NONE ? Long.MAX_VALUE
                : t.startNanos()).thenComparing(t -> t.proxies().get(0).ref()));
        List<Trace> batch = new ArrayList<>(ready);
        ready.clear();
        for (Trace t : batch) {
            if (follow.matches(t)) {
                sink.accept(t);
            }
        }
    }

    private void requireRunning() {
        if (finished) {
            throw new IllegalStateException("this live correlation has finished; start a new one");
        }
    }
}
