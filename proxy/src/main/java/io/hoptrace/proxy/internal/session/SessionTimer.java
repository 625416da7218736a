package io.hoptrace.proxy.internal.session;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code timeout client} and {@code timeout server} of one session: inactivity timeouts, as HAProxy's, counted
 * only while the proxy is waiting for that side (to send, or to take data already written to it). A side that
 * is not being read because the other side cannot keep up is not idle; a side that sent FIN and has nothing
 * pending is not waited for. One timer task per session, re-armed at the nearest deadline (no per-write
 * listener, no per-read scheduling).
 */
final class SessionTimer implements Runnable {
    private final ProxySession session;
    private final long clientNanos;
    private final long serverNanos;
    private ScheduledFuture<?> future;
    private boolean stopped;

    private SessionTimer(ProxySession session, long clientNanos, long serverNanos) {
        this.session = session;
        this.clientNanos = clientNanos;
        this.serverNanos = serverNanos;
    }

    /** A timer for these timeouts, or null when neither is set. */
    static SessionTimer of(ProxySession session, Duration client, Duration server) {
        long c = client == null ? 0 : Math.max(1, client.toNanos());
        long s = server == null ? 0 : Math.max(1, server.toNanos());
        return c == 0 && s == 0 ? null : new SessionTimer(session, c, s);
    }

    void start() {
        if (future == null && !stopped) {
            schedule(shortest());
        }
    }

    void stop() {
        stopped = true;
        if (future != null) {
            future.cancel(false);
            future = null;
        }
    }

    @Override
    public void run() {
        future = null;
        if (stopped) {
            return;
        }
        long now = System.nanoTime();
        SessionState state = session.state();
        long next = shortest();
        if (state == SessionState.ACCEPTED || state == SessionState.ESTABLISHED) {
            if (clientNanos > 0) {
                long left = remaining(session.front(), clientNanos, now);
                if (left <= 0) {
                    session.timedOut(Termination.CLIENT_TIMEOUT);
                    return;
                }
                next = Math.min(next, left);
            }
            if (serverNanos > 0 && state == SessionState.ESTABLISHED) {
                long left = remaining(session.back(), serverNanos, now);
                if (left <= 0) {
                    session.timedOut(Termination.SERVER_TIMEOUT);
                    return;
                }
                next = Math.min(next, left);
            }
        } else {
            // Queued or connecting: timeout connect (and the queue timeout) are in charge.
            session.front().activityNanos = now;
        }
        schedule(next);
    }

    private static long remaining(Leg leg, long timeout, long now) {
        long pending = leg.pending();
        if (pending > 0 && pending != leg.checkedPending) {
            leg.activityNanos = now; // output moved since the last check
        }
        leg.checkedPending = pending;
        boolean waitedFor = (!leg.eof && !leg.readPaused) || pending > 0;
        if (!waitedFor) {
            leg.activityNanos = now;
            return timeout;
        }
        return timeout - (now - leg.activityNanos);
    }

    private long shortest() {
        if (clientNanos == 0) {
            return serverNanos;
        }
        return serverNanos == 0 ? clientNanos : Math.min(clientNanos, serverNanos);
    }

    private void schedule(long delayNanos) {
        future = session.eventLoop().schedule(this, Math.max(delayNanos, 1), TimeUnit.NANOSECONDS);
    }
}
