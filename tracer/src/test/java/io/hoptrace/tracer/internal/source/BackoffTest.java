package io.hoptrace.tracer.internal.source;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void doublesFromTheMinimumWithJitterUpToTheCap() {
        Backoff b = new Backoff(100, 5000);
        long[] bases = {100, 200, 400, 800, 1600, 3200, 5000, 5000};
        for (long base : bases) {
            long d = b.nextDelayMillis();
            assertTrue(d >= base * 0.8 - 1 && d <= Math.min(5000, base * 1.2 + 1), base + " -> " + d);
        }
    }

    @Test
    void startsOverAfterAReset() {
        Backoff b = new Backoff(100, 5000);
        for (int i = 0; i < 10; i++) {
            b.nextDelayMillis();
        }
        b.reset();
        long d = b.nextDelayMillis();
        assertTrue(d >= 80 && d <= 120, "after reset: " + d);
    }
}
