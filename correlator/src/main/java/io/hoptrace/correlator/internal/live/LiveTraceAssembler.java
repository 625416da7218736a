package io.hoptrace.correlator.internal.live;

import io.hoptrace.correlator.Trace;
import io.hoptrace.correlator.internal.flow.FlowState;
import io.hoptrace.correlator.internal.flow.FlowStatsConverter;
import io.hoptrace.correlator.internal.flow.FlowTable;
import io.hoptrace.correlator.internal.match.HopChainer;
import io.hoptrace.correlator.internal.match.MatchedSession;
import io.hoptrace.correlator.internal.match.SessionMatcher;
import io.hoptrace.correlator.internal.match.TraceBuilder;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the traces of a group of linked live sessions with the batch code: the sessions are matched to the
 * connection instances of the flow table ({@link SessionMatcher}), linked into chains ({@link HopChainer}) and
 * each chain becomes a {@link Trace} ({@link TraceBuilder}), exactly as a batch run over the same events and
 * packets would. A chain whose sessions have all closed, the last of them at least the grace period ago, is
 * complete: its trace is built, and its sessions and connections leave the tables. Other chains keep waiting;
 * their claims on connections are released, to be matched again when they are complete.
 */
final class LiveTraceAssembler {
    private final FlowTable flows;
    private final LiveSessionTable sessions;
    private final LiveSummary summary;
    private final long skewNanos;
    private final long graceNanos;
    private FlowStatsConverter converter = new FlowStatsConverter();

    LiveTraceAssembler(FlowTable flows, LiveSessionTable sessions, LiveSummary summary, long skewNanos,
                       long graceNanos) {
        this.flows = flows;
        this.sessions = sessions;
        this.summary = summary;
        this.skewNanos = skewNanos;
        this.graceNanos = graceNanos;
    }

    /**
     * Builds the complete chains of {@code group} (sessions linked by tuples, in arrival order) and adds their
     * traces to {@code out}; with {@code force}, every chain counts as complete (the end of the correlation).
     */
    void assemble(List<LiveSession> group, long nowNanos, boolean force, List<Trace> out) {
        List<MatchedSession> matched = new ArrayList<>(group.size());
        Map<MatchedSession, LiveSession> live = new IdentityHashMap<>();
        for (LiveSession s : group) {
            MatchedSession m = s.matched();
            matched.add(m);
            live.put(m, s);
        }
        new SessionMatcher(flows, skewNanos).match(matched);
        TraceBuilder builder = new TraceBuilder(converter);
        for (List<MatchedSession> chain : new HopChainer(skewNanos).chain(matched)) {
            if (!force && !complete(chain, live, nowNanos)) {
                for (MatchedSession m : chain) {
                    release(m);
                }
                continue;
            }
            Trace t = builder.build(chain);
            boolean[] captured = new boolean[chain.size()];
            for (int i = 0; i < chain.size(); i++) {
                MatchedSession m = chain.get(i);
                captured[i] = m.captured();
                sessions.remove(live.get(m));
                remove(m.frontFlow());
                remove(m.backFlow());
            }
            summary.trace(t, captured);
            out.add(t);
        }
    }

    /** Every session closed, the last one at least the grace period ago: its last packets are in. */
    private boolean complete(List<MatchedSession> chain, Map<MatchedSession, LiveSession> live, long nowNanos) {
        for (MatchedSession m : chain) {
            LiveSession s = live.get(m);
            if (!s.isClosed() || nowNanos - s.closedAtNanos() < graceNanos) {
                return false;
            }
        }
        return true;
    }

    private static void release(MatchedSession m) {
        if (m.frontFlow() != null) {
            m.frontFlow().release(true);
        }
        if (m.backFlow() != null) {
            m.backFlow().release(false);
        }
    }

    private void remove(FlowState f) {
        if (f != null) {
            flows.remove(f);
        }
    }

    /** The converter shares address objects between connections; a new one now and then keeps it small. */
    void renewConverter() {
        converter = new FlowStatsConverter();
    }

    FlowStatsConverter converter() {
        return converter;
    }
}
