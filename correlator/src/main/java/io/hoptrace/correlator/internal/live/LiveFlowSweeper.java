package io.hoptrace.correlator.internal.live;

import io.hoptrace.correlator.ConnectionStats;
import io.hoptrace.correlator.internal.flow.FlowState;
import io.hoptrace.correlator.internal.flow.FlowStatsConverter;
import io.hoptrace.correlator.internal.flow.FlowTable;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes the connections nobody will claim out of a live flow table, as unexplained flows of the summary: a
 * connection that ended (RST, or a FIN each way) longer than {@code endedAfter} ago, or that has been silent for
 * {@code idleAfter}, while no session waiting for its trace has its tuple. The sessions of a connection arrive
 * within milliseconds of its handshake, so such a connection belongs to no traced session (traffic before the
 * tracer started, a health check, anything else the capture filter lets through).
 */
final class LiveFlowSweeper {
    private final FlowTable flows;
    private final LiveSessionTable sessions;
    private final LiveSummary summary;
    private final long endedAfterNanos;
    private final long idleAfterNanos;
    private final List<FlowState> candidates = new ArrayList<>();

    LiveFlowSweeper(FlowTable flows, LiveSessionTable sessions, LiveSummary summary, long endedAfterNanos,
                    long idleAfterNanos) {
        this.flows = flows;
        this.sessions = sessions;
        this.summary = summary;
        this.endedAfterNanos = endedAfterNanos;
        this.idleAfterNanos = idleAfterNanos;
    }

    /**
     * Sweeps the table at {@code nowNanos}; with {@code everything}, without waiting (the end of the correlation):
     * every connection no waiting session wants is unexplained. Returns how many were taken out.
     */
    int sweep(long nowNanos, boolean everything, FlowStatsConverter converter) {
        candidates.clear();
        flows.forEach(f -> {
            long quiet = nowNanos - f.lastNanos();
            if (everything || quiet > (f.ended() ? endedAfterNanos : idleAfterNanos)) {
                candidates.add(f);
            }
        });
        int n = 0;
        for (FlowState f : candidates) {
            ConnectionStats c = converter.stats(f);
            if (sessions.wants(c.tuple())) {
                continue; // its session has not been reported yet
            }
            summary.unexplained(c);
            flows.remove(f);
            n++;
        }
        candidates.clear();
        return n;
    }
}
