package io.hoptrace.correlator.internal.match;

import io.hoptrace.events.FourTuple;
import io.hoptrace.events.SessionEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
        FrontIndex byFront = new FrontIndex(sessions);
        for (MatchedSession s : sessions) {
            FourTuple back = s.session.back();
            if (back == null || !back.isInet()) {
                continue;
            }
            MatchedSession next = pick(s, byFront.first(back), byFront);
            if (next != null) {
                s.next = next;
                next.prev = s;
            }
        }
        List<List<MatchedSession>> chains = new ArrayList<>();
        boolean[] seen = new boolean[sessions.size()];
        for (MatchedSession s : sessions) {
            if (s.prev != null) {
                continue;
            }
            List<MatchedSession> chain = new ArrayList<>(2);
            for (MatchedSession t = s; t != null && !seen[t.position]; t = t.next) {
                seen[t.position] = true;
                chain.add(t);
            }
            chains.add(chain);
        }
        return chains;
    }

    /** The best next session among the candidates (the sessions whose front is s's back, in input order). */
    private MatchedSession pick(MatchedSession s, int first, FrontIndex candidates) {
        MatchedSession best = null;
        long bestDistance = Long.MAX_VALUE;
        for (int i = first; i >= 0; i = candidates.next(i)) {
            MatchedSession t = candidates.session(i);
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

    /**
     * The sessions by front tuple: an open-addressing table of tuple hashes whose slots hold the first session of
     * a tuple, and per session the next one with the same front tuple, in input order. Hashes and compares the
     * endpoints' fields directly, which is what {@link FourTuple#equals} does.
     */
    private static final class FrontIndex {
        private final List<MatchedSession> sessions;
        private final int[] slots;
        private final int[] hashes;
        private final int[] next;
        private final int[] last;
        private final int mask;

        FrontIndex(List<MatchedSession> sessions) {
            this.sessions = sessions;
            int n = sessions.size();
            int capacity = Integer.highestOneBit(Math.max(4, n) * 2 - 1) << 1;
            slots = new int[capacity];
            Arrays.fill(slots, -1);
            hashes = new int[capacity];
            mask = capacity - 1;
            next = new int[n];
            last = new int[capacity];
            for (int i = 0; i < n; i++) {
                MatchedSession s = sessions.get(i);
                s.position = i;
                next[i] = -1;
                FourTuple front = s.session.front();
                if (!front.isInet()) {
                    continue;
                }
                int h = hash(front);
                int k = find(front, h);
                if (slots[k] < 0) {
                    slots[k] = i;
                    hashes[k] = h;
                } else {
                    next[last[k]] = i;
                }
                last[k] = i;
            }
        }

        /** The first session whose front tuple is {@code tuple}, or -1. */
        int first(FourTuple tuple) {
            return slots[find(tuple, hash(tuple))];
        }

        int next(int i) {
            return next[i];
        }

        MatchedSession session(int i) {
            return sessions.get(i);
        }

        private int find(FourTuple t, int h) {
            int k = h & mask;
            int i;
            while ((i = slots[k]) >= 0) {
                if (hashes[k] == h && same(sessions.get(i).session.front(), t)) {
                    return k;
                }
                k = (k + 1) & mask;
            }
            return k;
        }

        private static int hash(FourTuple t) {
            int h = t.client().address().hashCode() * 31 + t.client().port();
            h = h * 31 + t.server().address().hashCode();
            h = h * 31 + t.server().port();
            return h ^ (h >>> 16);
        }

        private static boolean same(FourTuple a, FourTuple b) {
            return a.client().port() == b.client().port() && a.server().port() == b.server().port()
                    && a.client().address().equals(b.client().address())
                    && a.server().address().equals(b.server().address());
        }
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
