package io.hoptrace.proxy.internal.backend;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A session's place in a backend queue. Whoever moves it out of {@code WAITING} first wins: the queue handing
 * it a slot ({@link #claim}) or the session giving up ({@link #cancel}: queue timeout, client gone).
 */
public final class QueueEntry {
    private static final int WAITING = 0;
    private static final int CLAIMED = 1;
    private static final int CANCELLED = 2;

    final ServerWaiter waiter;
    final ServerRuntime target;
    final InetAddress source;
    final ServerRuntime exclude;
    private final AtomicInteger state = new AtomicInteger(WAITING);

    QueueEntry(ServerWaiter waiter, ServerRuntime target, InetAddress source, ServerRuntime exclude) {
        this.waiter = waiter;
        this.target = target;
        this.source = source;
        this.exclude = exclude;
    }

    boolean waiting() {
        return state.get() == WAITING;
    }

    boolean claim() {
        return state.compareAndSet(WAITING, CLAIMED);
    }

    boolean cancel() {
        return state.compareAndSet(WAITING, CANCELLED);
    }
}
