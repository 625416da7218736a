package io.hoptrace.cli.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ends a long-running command cleanly on SIGINT or SIGTERM: the JVM runs shutdown hooks on both; the hook wakes
 * the command's loop and waits (a few seconds at most) for it to close its tracer and recorder and print its
 * summary before the JVM exits. Deregistered when the command ends by itself ({@code --duration}), so in-process
 * runs (tests) leave no hook behind.
 */
public final class SessionsStop implements AutoCloseable {
    private static final long CLEANUP_SECONDS = 5;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch cleaned = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean signalled;

    public SessionsStop() {
        hook = new Thread(() -> {
            signalled = true;
            stop.countDown();
            try {
                cleaned.await(CLEANUP_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hoptrace-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Waits up to {@code d}; true when a signal arrived (time to stop). */
    public boolean await(Duration d) throws InterruptedException {
        return stop.await(d.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** True when the command is ending because of a signal. */
    public boolean signalled() {
        return signalled;
    }

    /** The command has cleaned up: let the JVM exit (after a signal), or remove the hook (normal end). */
    @Override
    public void close() {
        cleaned.countDown();
        if (!signalled) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }
}
