package io.hoptrace.tracer.internal.source;

/** How a source is followed once its kind is known; runs on the source's event loop. */
interface Follower {
    void start();

    /** Stops on purpose: close connections, cancel timers; no failure is reported for it. */
    void stop();
}
