package io.hoptrace.correlator.internal.live;

import io.hoptrace.correlator.ConnectionStats;
import io.hoptrace.correlator.CorrelationCounts;
import io.hoptrace.correlator.CorrelationReport;
import io.hoptrace.correlator.FollowFilter;
import io.hoptrace.correlator.ProxySession;
import io.hoptrace.correlator.Trace;
import io.hoptrace.correlator.internal.input.PacketCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The figures of a live correlation, for the summary at its end: what a batch report counts, over the traces
 * reported so far. The sessions no capture saw and the connections no session explains are listed as in a batch
 * report (filtered by the follow filter), the first {@link #MAX_LISTED} of each: memory stays bounded however long
 * the capture runs; the counts are complete.
 */
final class LiveSummary {
    /** How many uncaptured sessions and unexplained connections are listed at most (each). */
    static final int MAX_LISTED = 1000;

    private final FollowFilter follow;
    private final List<ConnectionStats> unexplained = new ArrayList<>();
    private final List<ProxySession> uncaptured = new ArrayList<>();
    private long unexplainedTotal;
    private long unexplainedShown;
    private long uncapturedTotal;
    private long uncapturedShown;
    private long sessions;
    private long failed;
    private long traces;
    private long complete;

    LiveSummary(FollowFilter follow) {
        this.follow = follow;
    }

    /** A trace was built (reported or not, by the follow filter); whether a capture saw each of its sessions. */
    void trace(Trace t, boolean[] sessionCaptured) {
        traces++;
        complete += t.complete() ? 1 : 0;
        List<ProxySession> s = t.sessions();
        for (int i = 0; i < s.size(); i++) {
            ProxySession p = s.get(i);
            sessions++;
            failed += p.failed() ? 1 : 0;
            if (!sessionCaptured[i]) {
                uncapturedTotal++;
                if (follow.matches(p)) {
                    uncapturedShown++;
                    if (uncaptured.size() < MAX_LISTED) {
                        uncaptured.add(p);
                    }
                }
            }
        }
    }

    /** A captured connection that no session explained was dropped from the table. */
    void unexplained(ConnectionStats c) {
        unexplainedTotal++;
        if (follow.matches(c.tuple())) {
            unexplainedShown++;
            if (unexplained.size() < MAX_LISTED) {
                unexplained.add(c);
            }
        }
    }

    CorrelationReport report(long packets, PacketCounter counter, Map<String, Long> dropped,
                             Map<String, Long> orphanCloses, long unreported) {
        List<String> warnings = new ArrayList<>();
        dropped.forEach((source, n) -> warnings.add(source + ": the proxy dropped " + n + " event"
                + (n == 1 ? "" : "s") + " for the tracer, which resynchronised from a snapshot; sessions that ended"
                + " meanwhile are reported with term=lost"));
        orphanCloses.forEach((source, n) -> warnings.add(source + ": " + n + " close event" + (n == 1 ? "" : "s")
                + " without an open ignored"));
        if (unexplainedShown > unexplained.size()) {
            warnings.add("unexplained flows: the first " + unexplained.size() + " of " + unexplainedShown
                    + " are listed");
        }
        if (uncapturedShown > uncaptured.size()) {
            warnings.add("uncaptured sessions: the first " + uncaptured.size() + " of " + uncapturedShown
                    + " are listed");
        }
        if (unreported > 0) {
            warnings.add(unreported + " session" + (unreported == 1 ? " was" : "s were") + " still open (or had"
                    + " just closed) when tracing stopped: not reported");
        }
        long first = counter.firstNanos();
        long last = counter.lastNanos();
        CorrelationCounts counts = new CorrelationCounts(1, packets, counter.tcpPackets(), counter.duplicates(),
                counter.table().connectionCount(), unexplainedTotal, sessions, failed, sessions - uncapturedTotal,
                uncapturedTotal, traces, complete, first < 0 ? CorrelationCounts.NONE : first,
                last < 0 ? CorrelationCounts.NONE : last);
        return new CorrelationReport(List.of(), unexplained, uncaptured, List.of(), warnings, counts, follow);
    }
}
