package io.hoptrace.correlator;

import java.util.List;
import java.util.Objects;

/**
 * What a correlation run found: the traces selected by the follow filter (in order of their start), the captured
 * connections that no session explains and the sessions whose connections no capture saw (both filtered the same
 * way), the damaged inputs (everything before the damage was used), warnings about the inputs (events the proxy
 * dropped, closes without an open), and the run's figures.
 */
public record CorrelationReport(List<Trace> traces, List<ConnectionStats> unexplainedFlows,
                                List<ProxySession> uncapturedSessions, List<InputDamage> damage,
                                List<String> warnings, CorrelationCounts counts, FollowFilter follow) {
    public CorrelationReport {
        traces = List.copyOf(traces);
        unexplainedFlows = List.copyOf(unexplainedFlows);
        uncapturedSessions = List.copyOf(uncapturedSessions);
        damage = List.copyOf(damage);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(follow, "follow");
        if (traces.size() > counts.traces()) {
            throw new IllegalArgumentException("traces: expected at most the " + counts.traces()
                    + " traces counted, got " + traces.size());
        }
    }

    public boolean damaged() {
        return !damage.isEmpty();
    }
}
