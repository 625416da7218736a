package io.hoptrace.proxy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Polling with a deadline, for conditions that no latch or future can signal (a proxy's counters). */
final class Await {
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(10);

    interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    /** Polls every millisecond until {@code condition} holds; fails after 10 s. */
    static void until(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (!condition.holds()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("within 10 s: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
