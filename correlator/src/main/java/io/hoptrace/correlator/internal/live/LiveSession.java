package io.hoptrace.correlator.internal.live;

import io.hoptrace.correlator.SessionRef;
import io.hoptrace.correlator.internal.match.MatchedSession;
import io.hoptrace.correlator.internal.match.SessionCollector;
import io.hoptrace.events.EventRecord;
import io.hoptrace.events.FourTuple;

/**
 * One proxy session of a live correlation, from its open (or failure) until its trace is reported: the records
 * that describe it, kept as they came so that the batch code turns them into a session, and when its close
 * arrived. Identity matters: the same proxy session id can be reused (a proxy restart) while the earlier session
 * still waits for its trace.
 */
final class LiveSession {
    /** Arrival order of its first record; sessions are matched and chained in this order, as a log would be. */
    final long seq;
    final SessionRef ref;
    final EventRecord first;
    final FourTuple front;
    /** Null for a session that failed before reaching a server. */
    final FourTuple back;
    private EventRecord close;
    /** Clock time (epoch ns) its close or failure arrived, or -1 while it is open. */
    private long closedAtNanos = -1;
    private boolean gone;

    LiveSession(long seq, SessionRef ref, EventRecord first, FourTuple front, FourTuple back) {
        this.seq = seq;
        this.ref = ref;
        this.first = first;
        this.front = front;
        this.back = back;
    }

    /** Ended now: with its close record, or null when it ended without one (a failure; an id reused). */
    void closed(EventRecord closeRecord, long nowNanos) {
        close = closeRecord;
        closedAtNanos = nowNanos;
    }

    boolean isClosed() {
        return closedAtNanos >= 0;
    }

    long closedAtNanos() {
        return closedAtNanos;
    }

    /** Reported, or taken out of the table: no longer of interest. */
    boolean isGone() {
        return gone;
    }

    void gone() {
        gone = true;
    }

    /**
     * The session as the batch code sees it, fresh for each matching (matching and chaining mark it): made by the
     * same collector that pairs the records of event logs.
     */
    MatchedSession matched() {
        SessionCollector c = new SessionCollector();
        c.add(first);
        if (close != null) {
            c.add(close);
        }
        return c.sessions().get(0);
    }

    @Override
    public String toString() {
        return ref + (isClosed() ? " closed" : " open");
    }
}
