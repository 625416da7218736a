package io.hoptrace.correlator.internal.match;

import io.hoptrace.events.FourTuple;
import io.hoptrace.events.SessionEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Links sessions into chains: session S is followed by session T when S's back tuple is T's front tuple and they
 * are the same connection. When both were matched to captured instances, that means the same instance. Otherwise,
 * when both have times, their lifetimes must overlap (widened by the skew) and the closest in time wins; sessions
 * without times link by tuple in log order (the k-th S with a tuple to the k-th T with it).
 */
public final class HopChainer {
    private final long skew;

    public HopChainer(long skewNanos) {
        this.skew = skewNanos;
    }

    /** Links the sessions and returns the chains, each from its origin session to its last, in input order. */
    public List<List<MatchedSession>> chain(List<MatchedSession> sessions) {
        Map<FourTuple, List<MatchedSession>> byFront = new HashMap<>();
        for (MatchedSession s : sessions) {
            if (s.session.front().isInet()) {
                byFront.computeIfAbsent(s.session.front(), k -> new ArrayList<>(1)).add(s);
            }
        }
        for (MatchedSession s : sessions) {
            FourTuple back = s.session.back();
            if (back == null || !back.isInet()) {
                continue;
            }
            List<MatchedSession> candidates = byFront.get(back);
            if (candidates == null) {
                continue;
            }
            MatchedSession next = pick(s, candidates);
            if (next != null) {
                s.next = next;
                next.prev = s;
            }
        }
        List<List<MatchedSession>> chains = new ArrayList<>();
        Map<MatchedSession, Boolean> seen = new IdentityHashMap<>();
        for (MatchedSession s : sessions) {
            if (s.prev != null) {
                continue;
            }
            List<MatchedSession> chain = new ArrayList<>(2);
            for (MatchedSession t = s; t != null && seen.put(t, Boolean.TRUE) == null; t = t.next) {
                chain.add(t);
            }
            chains.add(chain);
        }
        return chains;
    }

    private MatchedSession pick(MatchedSession s, List<MatchedSession> candidates) {
        MatchedSession best = null;
        long bestDistance = Long.MAX_VALUE;
        for (MatchedSession t : candidates) {
            if (t == s || t.prev != null) {
                continue;
            }
            if (s.backFlow != null && t.frontFlow != null) {
                if (s.backFlow == t.frontFlow) {
                    return t;
                }
                continue;
            }
            long distance;
            if (s.timed() && t.timed()) {
                if (!overlap(s, t)) {
                    continue;
                }
                distance = Math.abs(s.referenceNanos() - t.referenceNanos());
            } else {
                distance = Long.MAX_VALUE - 1; // timeless: the first free one in log order
            }
            if (distance < bestDistance) {
                best = t;
                bestDistance = distance;
            }
        }
        return best;
    }

    private boolean overlap(MatchedSession a, MatchedSession b) {
        return start(a) <= end(b) + skew && start(b) <= end(a) + skew;
    }

    private static long start(MatchedSession s) {
        long o = s.openNanos();
        return o != SessionEvent.NONE ? o : s.closeNanos();
    }

    private static long end(MatchedSession s) {
        long c = s.closeNanos();
        return c != SessionEvent.NONE ? c : Long.MAX_VALUE / 2;
    }
}
