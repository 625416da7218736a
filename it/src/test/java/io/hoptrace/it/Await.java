package io.hoptrace.it;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polling with a deadline, for conditions no latch or future can signal (a session table catching up with the
 * sockets, a tracer's counters). Deadlines are generous: other builds share the two cores.
 */
final class Await {
    /** How long a condition that should hold "soon" may take on a loaded two-core machine. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private Await() {
    }

    /** Polls until {@code condition} holds; fails after {@code timeout} naming {@code what}. */
    static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /**
     * Polls until {@code mismatch} returns null (nothing differs); fails after {@code timeout} with the last
     * difference it described.
     */
    static void matches(String what, Duration timeout, Supplier<String> mismatch) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last;
        while ((last = mismatch.get()) != null) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what + ": " + last);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
