package io.hoptrace.tracer.internal.source;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with jitter: each failure doubles the delay up to the cap; +-20% jitter keeps many
 * tracers from reconnecting in step after a proxy restart. Reset after a successful sync.
 */
final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private long next;

    Backoff(long minMillis, long maxMillis) {
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
        this.next = minMillis;
    }

    long nextDelayMillis() {
        long base = next;
        next = Math.min(maxMillis, next * 2);
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Math.max(1, Math.min(maxMillis, Math.round(base * jitter)));
    }

    void reset() {
        next = minMillis;
    }
}
