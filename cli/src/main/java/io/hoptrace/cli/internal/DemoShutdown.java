package io.hoptrace.cli.internal;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Everything the demo started, stopped in reverse order exactly once: at the end of the run (or of a failure),
 * or from a shutdown hook on Ctrl-C or SIGTERM, so that no proxy, socket, socket file or capture outlives the
 * demo whichever way it ends.
 */
public final class DemoShutdown implements AutoCloseable {
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final PrintWriter err;
    private final Thread hook;
    private volatile boolean signalled;

    public DemoShutdown(PrintWriter err) {
        this.err = err;
        this.hook = new Thread(() -> {
            synchronized (this) {
                signalled = true;
            }
            err.println("hoptrace demo: interrupted; stopping the proxies, the tracer and the capture");
            err.flush();
            closeAll();
        }, "hoptrace-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Registers something to stop; returns it. Once a signal has stopped everything, whatever the demo still
     * starts is stopped at once (and this throws): the JVM is about to exit and must not leave it behind.
     */
    public synchronized <T extends AutoCloseable> T add(T resource) {
        resources.push(resource);
        if (signalled) {
            closeAll();
            throw new IllegalStateException("interrupted");
        }
        return resource;
    }

    /** True when a signal is ending the demo. */
    public boolean signalled() {
        return signalled;
    }

    /** Stops everything registered so far, newest first; a failure to stop one does not keep the others up. */
    public synchronized void closeAll() {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                err.println("hoptrace demo: while stopping: " + e);
                err.flush();
            }
        }
    }

    /** Stops what is left and removes the hook (unless it is the hook that is running). */
    @Override
    public void close() {
        closeAll();
        if (!signalled) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs (and finds nothing left to stop)
            }
        }
    }
}
