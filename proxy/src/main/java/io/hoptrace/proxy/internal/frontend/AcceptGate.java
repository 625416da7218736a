package io.hoptrace.proxy.internal.frontend;

import io.hoptrace.proxy.internal.TrafficCounters;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code maxconn}, global and per frontend, the way HAProxy enforces it: when a limit is reached the listeners
 * stop accepting (auto-read off on the listening channels), and connections wait in the kernel's backlog until
 * a session ends.
 *
 * <p>Every listener of a proxy lives on one event loop, so accepts are counted one at a time and a limit is
 * never overshot: turning auto-read off inside the accept loop ends it after the current connection. Sessions
 * end on any I/O thread; they decrement the counters and, when the gate is paused, ask the listener loop to
 * re-evaluate. {@code paused} is written before the counts are re-read and read after a count is decremented,
 * so either the releasing thread sees the pause or the pausing thread sees the release (no lost wake-up).
 */
public final class AcceptGate {
    private static final long ACCEPT_ERROR_BACKOFF_MILLIS = 1000;

    private final EventLoop loop;
    private final int globalLimit;
    private final TrafficCounters global;
    private final List<FrontendRuntime> frontends;
    private final Runnable refreshTask = this::refresh;
    private volatile boolean paused;
    private long backoffUntilNanos;

    public AcceptGate(EventLoop loop, int globalLimit, TrafficCounters global, List<FrontendRuntime> frontends) {
        this.loop = loop;
        this.globalLimit = globalLimit;
        this.global = global;
        this.frontends = List.copyOf(frontends);
    }

    public EventLoop loop() {
        return loop;
    }

    /** Listener loop: a connection was accepted on {@code fe}. */
    public void accepted(FrontendRuntime fe) {
        int all = global.opened();
        int mine = fe.counters().opened();
        if ((globalLimit > 0 && all >= globalLimit) || (fe.maxconn() > 0 && mine >= fe.maxconn())) {
            paused = true;
            refresh();
        }
    }

    /** Any thread: a session of {@code fe} ended. */
    public void released(FrontendRuntime fe) {
        fe.counters().closed();
        global.closed();
        if (paused) {
            loop.execute(refreshTask);
        }
    }

    /**
     * Listener loop: accepting failed (typically EMFILE). Stop accepting for a second rather than spinning; the
     * gate, not Netty's acceptor, turns it back on so that a maxconn pause is never lifted by mistake.
     */
    public void acceptFailed() {
        backoffUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ACCEPT_ERROR_BACKOFF_MILLIS);
        paused = true;
        refresh();
        loop.schedule(refreshTask, ACCEPT_ERROR_BACKOFF_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        boolean backoff = System.nanoTime() - backoffUntilNanos < 0;
        boolean globalRoom = !backoff && (globalLimit <= 0 || global.current() < globalLimit);
        boolean anyClosed = false;
        for (FrontendRuntime fe : frontends) {
            boolean open = globalRoom && (fe.maxconn() <= 0 || fe.counters().current() < fe.maxconn());
            for (Channel listener : fe.listeners()) {
                if (listener.config().isAutoRead() != open) {
                    listener.config().setAutoRead(open);
                }
            }
            anyClosed |= !open;
        }
        paused = anyClosed;
    }

    /** True when a frontend is not accepting because of its limit or the global one ({@code show stat} FULL). */
    public boolean isFull(FrontendRuntime fe) {
        return (globalLimit > 0 && global.current() >= globalLimit)
                || (fe.maxconn() > 0 && fe.counters().current() >= fe.maxconn());
    }
}
