package io.hoptrace.proxy.internal.session;

import io.hoptrace.events.Timestamps;
import io.netty.channel.Channel;

/**
 * How a session ends: closing its connections (with a reset where a reset is to be propagated), the
 * {@link Termination} it ends with, and, once both connections are closed, releasing everything it holds and
 * reporting its end ({@code -} or {@code x}) exactly once. Runs on the session's event loop.
 */
final class SessionCloser {
    private final ProxySession session;
    /** The first abnormal cause, if any. */
    private Termination term;
    /** The side whose FIN came first, if any. */
    private Termination firstFin;
    private boolean ended;

    SessionCloser(ProxySession session) {
        this.session = session;
    }

    /** A FIN (or a close that stands for one) from a side: the first one names a normal end. */
    void finSeen(Termination fin) {
        if (firstFin == null) {
            firstFin = fin;
        }
    }

    /**
     * Ends the session now for an abnormal reason: closes both connections, a reset side's peer with a reset
     * (SO_LINGER 0) so that the reset is propagated, as HAProxy does.
     */
    void abort(Termination why) {
        ProxySession s = session;
        if (s.state == SessionState.CLOSING || s.state == SessionState.CLOSED) {
            return;
        }
        s.state = SessionState.CLOSING;
        if (term == null) {
            term = why;
        }
        teardown();
        s.front.close(why == Termination.SERVER_RST);
        s.back.close(why == Termination.CLIENT_RST);
        maybeEnd();
    }

    /** Both sides sent FIN and each FIN was forwarded: close once the last bytes are written. */
    void closeBoth() {
        ProxySession s = session;
        s.state = SessionState.CLOSING;
        teardown();
        s.front.closeOnFlush();
        s.back.closeOnFlush();
    }

    /**
     * The client connection is closed: by the session, or by its FIN once the server's FIN had been forwarded to
     * it (see {@link Leg}), or by an error path.
     */
    void frontInactive() {
        ProxySession s = session;
        s.front.open = false;
        if (s.state != SessionState.CLOSING && s.state != SessionState.CLOSED) {
            finSeen(Termination.CLIENT_FIN);
            s.state = SessionState.CLOSING;
            teardown();
            s.back.closeOnFlush();
        }
        maybeEnd();
    }

    /** The server connection {@code ch} is closed (if it is the session's current one). */
    void backClosed(Channel ch) {
        ProxySession s = session;
        if (ch != s.back.channel) {
            return; // an abandoned connection attempt
        }
        s.back.open = false;
        if (s.state == SessionState.ESTABLISHED) {
            finSeen(Termination.SERVER_FIN);
            s.state = SessionState.CLOSING;
            teardown();
            s.front.closeOnFlush();
        }
        maybeEnd();
    }

    private void teardown() {
        ProxySession s = session;
        if (s.timer != null) {
            s.timer.stop();
        }
        s.connector.leaveQueue();
        s.forwarder.dropEarly();
    }

    private void maybeEnd() {
        ProxySession s = session;
        if (ended || s.front.open || s.back.open) {
            return;
        }
        ended = true;
        s.state = SessionState.CLOSED;
        s.endMicros = Timestamps.nowMicros();
        teardown();
        s.connector.release();
        s.host.bus().closed(s);
        s.host.sessionEnded(s.frontend);
    }

    /** Why the session ended (or is ending): the first abnormal cause, else the side that closed first. */
    Termination termination() {
        Termination t = term;
        if (t != null) {
            return t;
        }
        Termination f = firstFin;
        return f != null ? f : Termination.CLIENT_FIN;
    }
}
