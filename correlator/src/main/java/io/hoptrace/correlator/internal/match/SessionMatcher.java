package io.hoptrace.correlator.internal.match;

import io.hoptrace.correlator.internal.flow.FlowState;
import io.hoptrace.correlator.internal.flow.FlowTable;
import io.hoptrace.events.FourTuple;
import io.hoptrace.events.SessionEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds, for each session, the connection instances of its front and back tuples. A connection instance serves
 * at most one session as a front and one as a back (the back of one proxy is the front of the next).
 *
 * <p><b>Sessions with times</b> (open and/or close; {@code skew} is the tolerance between event and capture
 * clocks): an instance that started at {@code s} and last carried a packet at {@code e} fits a session opened at
 * {@code o} and closed at {@code c} when it was alive at the open ({@code s <= o + skew}, {@code e >= o - skew}) and
 * started before the close ({@code s <= c + skew}); a failed session, which has only the time of its failure, needs
 * the connection alive then. Among fitting instances the one closest in time wins ({@code |s - o| + |e - c|}).
 * Sessions are matched in time order, so a reused tuple gives its instances to its sessions in turn.
 *
 * <p><b>Sessions without times</b> (bare {@code show events} text): matched by tuple alone. When only one
 * instance of the tuple is left and only one timeless session wants it, they match. Otherwise the session's
 * neighbours in its log bound its time (events are reported in the order they happened, so a session lies between
 * the connections matched to the sessions before and after it), and the earliest free instance starting within
 * those bounds (widened by the skew) is taken, else the earliest free instance; the back connection is the free
 * instance starting closest after the front one. So a reused tuple's k-th timeless session gets its k-th instance.
 */
public final class SessionMatcher {
    private final FlowTable table;
    private final long skew;

    /**
     * A matcher of the instances of {@code table}. Which instance serves which session is marked on the instances
     * themselves ({@link FlowState#claim}), so one matcher per table at a time; a live correlation matches a few
     * sessions at a time and releases what it does not report.
     */
    public SessionMatcher(FlowTable table, long skewNanos) {
        this.table = table;
        this.skew = skewNanos;
    }

    public void match(List<MatchedSession> sessions) {
        List<MatchedSession> timed = new ArrayList<>();
        List<MatchedSession> timeless = new ArrayList<>();
        for (MatchedSession s : sessions) {
            (s.timed() ? timed : timeless).add(s);
        }
        timed.sort(Comparator.comparingLong(MatchedSession::referenceNanos).thenComparingInt(s -> s.order));
        for (MatchedSession s : timed) {
            matchTimed(s, true);
            if (s.session.back() != null) {
                matchTimed(s, false);
            }
        }
        if (!timeless.isEmpty()) {
            matchAnchors(timeless);
            matchByOrder(sessions);
        }
    }

    /** Whether a connection instance is the front or back of some session. */
    public boolean explained(FlowState f) {
        return f.claimed(true) || f.claimed(false);
    }

    private void matchTimed(MatchedSession s, boolean front) {
        FourTuple tuple = s.tuple(front);
        long o = s.openNanos();
        long c = s.closeNanos();
        FlowState best = null;
        long bestScore = Long.MAX_VALUE;
        // Newest instance first; on a tie the older one replaces the pick, so the oldest of equally close ones
        // wins, as in an oldest-first scan that keeps the first.
        for (FlowState f = table.newest(tuple); f != null; f = f.previous()) {
            if (f.claimed(front) || !fits(f, o, c)) {
                continue;
            }
            long score = (o != SessionEvent.NONE ? Math.abs(f.firstNanos() - o) : 0)
                    + (c != SessionEvent.NONE ? Math.abs(f.lastNanos() - c) : 0);
            if (score < bestScore || (score == bestScore && best != null)) {
                best = f;
                bestScore = score;
            }
        }
        if (best != null) {
            claim(s, front, best);
        }
    }

    private boolean fits(FlowState f, long o, long c) {
        long s = f.firstNanos();
        long e = f.lastNanos();
        if (o != SessionEvent.NONE && (s > o + skew || e < o - skew)) {
            return false;
        }
        if (c != SessionEvent.NONE && s > c + skew) {
            return false;
        }
        return o != SessionEvent.NONE || c == SessionEvent.NONE || e >= c - skew;
    }

    /** The sure matches among timeless sessions: one session and one free instance for a tuple. */
    private void matchAnchors(List<MatchedSession> timeless) {
        for (boolean front : new boolean[] {true, false}) {
            Map<FourTuple, Integer> wanted = new HashMap<>();
            for (MatchedSession s : timeless) {
                FourTuple t = s.tuple(front);
                if (t != null) {
                    wanted.merge(t, 1, Integer::sum);
                }
            }
            for (MatchedSession s : timeless) {
                FourTuple t = s.tuple(front);
                if (t == null || wanted.get(t) != 1) {
                    continue;
                }
                FlowState only = null;
                int free = 0;
                for (FlowState f : table.instances(t)) {
                    if (!f.claimed(front)) {
                        only = f;
                        free++;
                    }
                }
                if (free == 1) {
                    claim(s, front, only);
                }
            }
        }
    }

    private void matchByOrder(List<MatchedSession> all) {
        Map<String, List<MatchedSession>> bySource = new HashMap<>();
        for (MatchedSession s : all) {
            bySource.computeIfAbsent(s.session.source(), k -> new ArrayList<>()).add(s);
        }
        for (List<MatchedSession> log : bySource.values()) {
            // Matching session i only moves the lower bounds of the sessions after it, so the upper bounds are
            // computed once and the lower bound is carried along.
            long[] upper = new long[log.size()];
            long known = Long.MAX_VALUE;
            for (int i = log.size() - 1; i >= 0; i--) {
                upper[i] = known;
                long h = hint(log.get(i));
                if (h != SessionEvent.NONE) {
                    known = Math.min(known, h);
                }
            }
            long lower = Long.MIN_VALUE;
            for (int i = 0; i < log.size(); i++) {
                MatchedSession s = log.get(i);
                if (!s.timed() && (s.frontFlow == null || (s.session.back() != null && s.backFlow == null))) {
                    matchWithin(s, lower, upper[i]);
                }
                long h = hint(s);
                if (h != SessionEvent.NONE) {
                    lower = Math.max(lower, h);
                }
            }
        }
    }

    /** When a session happened, as well as is known: its time, else the start of a matched connection. */
    private static long hint(MatchedSession s) {
        if (s.timed()) {
            return s.referenceNanos();
        }
        if (s.backFlow != null) {
            return s.backFlow.firstNanos();
        }
        return s.frontFlow != null ? s.frontFlow.firstNanos() : SessionEvent.NONE;
    }

    private void matchWithin(MatchedSession s, long lower, long upper) {
        long lo = lower == Long.MIN_VALUE ? Long.MIN_VALUE : lower - skew;
        long hi = upper == Long.MAX_VALUE ? Long.MAX_VALUE : upper + skew;
        if (s.frontFlow == null) {
            FlowState f = earliestFree(s.session.front(), true, lo, hi);
            if (f != null) {
                claim(s, true, f);
            }
        }
        if (s.session.back() != null && s.backFlow == null) {
            FlowState f;
            if (s.frontFlow != null) {
                f = closestAfter(s.session.back(), s.frontFlow.firstNanos() - skew);
            } else {
                f = earliestFree(s.session.back(), false, lo, hi);
            }
            if (f != null) {
                claim(s, false, f);
            }
        }
    }

    private FlowState earliestFree(FourTuple tuple, boolean front, long lo, long hi) {
        FlowState within = null;
        FlowState any = null;
        for (FlowState f : table.instances(tuple)) {
            if (f.claimed(front)) {
                continue;
            }
            if (any == null) {
                any = f;
            }
            if (within == null && f.firstNanos() >= lo && f.firstNanos() <= hi) {
                within = f;
            }
        }
        return within != null ? within : any;
    }

    private FlowState closestAfter(FourTuple tuple, long from) {
        FlowState best = null;
        FlowState any = null;
        for (FlowState f : table.instances(tuple)) {
            if (f.claimed(false)) {
                continue;
            }
            if (any == null) {
                any = f;
            }
            if (best == null && f.firstNanos() >= from) {
                best = f;
            }
        }
        return best != null ? best : any;
    }

    private static void claim(MatchedSession s, boolean front, FlowState f) {
        f.claim(front);
        s.setFlow(front, f);
    }
}
