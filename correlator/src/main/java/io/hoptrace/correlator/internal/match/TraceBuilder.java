package io.hoptrace.correlator.internal.match;

import io.hoptrace.correlator.ConnectionStats;
import io.hoptrace.correlator.Hop;
import io.hoptrace.correlator.ProxyDwell;
import io.hoptrace.correlator.SessionRef;
import io.hoptrace.correlator.Trace;
import io.hoptrace.correlator.internal.flow.FlowState;
import io.hoptrace.correlator.internal.flow.FlowStatsConverter;
import io.hoptrace.events.FourTuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a chain of sessions into a {@link Trace}: hop k is the front of session k (the back of session k-1),
 * the last hop the back of the last session; each hop carries the captured instance found for either end of it,
 * oriented as the sessions describe it; each proxy gets its dwell times from the first payload on its two hops.
 */
public final class TraceBuilder {
    private final FlowStatsConverter converter;

    public TraceBuilder(FlowStatsConverter converter) {
        this.converter = converter;
    }

    public Trace build(List<MatchedSession> chain) {
        List<Hop> hops = new ArrayList<>(chain.size() + 1);
        for (int k = 0; k < chain.size(); k++) {
            MatchedSession s = chain.get(k);
            FlowState flow = s.frontFlow != null ? s.frontFlow : k > 0 ? chain.get(k - 1).backFlow : null;
            List<SessionRef> via = k == 0 ? List.of(s.ref) : List.of(chain.get(k - 1).ref, s.ref);
            hops.add(hop(k, s.session.front(), via, flow));
        }
        MatchedSession last = chain.get(chain.size() - 1);
        if (last.session.back() != null) {
            hops.add(hop(chain.size(), last.session.back(), List.of(last.ref), last.backFlow));
        }
        List<ProxyDwell> proxies = new ArrayList<>(chain.size());
        for (int k = 0; k < chain.size(); k++) {
            ConnectionStats front = hops.get(k).connection();
            ConnectionStats back = k + 1 < hops.size() ? hops.get(k + 1).connection() : null;
            proxies.add(dwell(chain.get(k), front, back));
        }
        return new Trace(hops, proxies);
    }

    private Hop hop(int index, FourTuple tuple, List<SessionRef> via, FlowState flow) {
        if (flow == null) {
            return new Hop(index, tuple, via, null);
        }
        ConnectionStats c = converter.stats(flow, tuple).orientedTo(tuple);
        // The packets are the truth about who opened the connection; the hop shows what they show.
        return new Hop(index, c.tuple(), via, c);
    }

    private static ProxyDwell dwell(MatchedSession s, ConnectionStats front, ConnectionStats back) {
        long request = ProxyDwell.UNKNOWN;
        long response = ProxyDwell.UNKNOWN;
        if (front != null && back != null) {
            if (front.up().hasPayload() && back.up().hasPayload()) {
                request = back.up().firstPayloadNanos() - front.up().firstPayloadNanos();
            }
            if (front.down().hasPayload() && back.down().hasPayload()) {
                response = front.down().firstPayloadNanos() - back.down().firstPayloadNanos();
            }
        }
        return new ProxyDwell(s.session, request, response);
    }
}
