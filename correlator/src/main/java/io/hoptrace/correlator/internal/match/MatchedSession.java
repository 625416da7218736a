package io.hoptrace.correlator.internal.match;

import io.hoptrace.correlator.ProxySession;
import io.hoptrace.correlator.SessionRef;
import io.hoptrace.correlator.internal.flow.FlowState;
import io.hoptrace.events.FourTuple;
import io.hoptrace.events.SessionEvent;

/**
 * A proxy session while it is being matched: what the events said, the connection instances found for its front
 * and back tuples, and its neighbours in a chain. {@code order} is its position among all sessions in the order
 * the logs were read, which is the order the proxy reported them in.
 */
public final class MatchedSession {
    final int order;
    final ProxySession session;
    final SessionRef ref;
    FlowState frontFlow;
    FlowState backFlow;
    MatchedSession next;
    MatchedSession prev;
    /** Index in the list being chained ({@link HopChainer}'s scratch). */
    int position;

    MatchedSession(int order, ProxySession session) {
        this.order = order;
        this.session = session;
        this.ref = session.ref();
    }

    public ProxySession session() {
        return session;
    }

    public FlowState frontFlow() {
        return frontFlow;
    }

    public FlowState backFlow() {
        return backFlow;
    }

    public MatchedSession next() {
        return next;
    }

    public MatchedSession prev() {
        return prev;
    }

    public boolean captured() {
        return frontFlow != null || backFlow != null;
    }

    FourTuple tuple(boolean front) {
        return front ? session.front() : session.back();
    }

    FlowState flow(boolean front) {
        return front ? frontFlow : backFlow;
    }

    void setFlow(boolean front, FlowState f) {
        if (front) {
            frontFlow = f;
        } else {
            backFlow = f;
        }
    }

    boolean timed() {
        return session.timed();
    }

    /** Open time in ns, or NONE. */
    long openNanos() {
        return session.openMicros() == SessionEvent.NONE ? SessionEvent.NONE : session.openMicros() * 1000;
    }

    /** Close (or failure) time in ns, or NONE. */
    long closeNanos() {
        return session.closeMicros() == SessionEvent.NONE ? SessionEvent.NONE : session.closeMicros() * 1000;
    }

    /** The time that best stands for the session: its open, else its close; NONE when timeless. */
    long referenceNanos() {
        long o = openNanos();
        return o != SessionEvent.NONE ? o : closeNanos();
    }
}
