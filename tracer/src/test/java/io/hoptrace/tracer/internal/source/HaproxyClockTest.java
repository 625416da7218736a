package io.hoptrace.tracer.internal.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HaproxyClockTest {
    private static final long NOW = 1_795_673_662_000_000L;
    private final HaproxyClock clock = new HaproxyClock();

    @Test
    void learnsHaproxysZoneFromAStreamWithAnExactAge() {
        long accept = NOW - 5_300_000; // 5.3 s ago
        long local = accept + 3_600_000_000L * 5 + 1_800_000_000L; // UTC+05:30
        assertEquals(accept, clock.toEpochMicros(local, 5, NOW));
        assertEquals(19_800, clock.offsetSeconds());
    }

    @Test
    void keepsTheLearntZoneForStreamsOlderThanAnHour() {
        clock.toEpochMicros(NOW - 7_200_000_000L, 0, NOW); // UTC-02:00 learnt from the CLI's own stream
        long acceptLongAgo = NOW - 86_400_000_000L;
        assertEquals(acceptLongAgo, clock.toEpochMicros(acceptLongAgo - 7_200_000_000L, -1, NOW));
    }

    @Test
    void toleratesTheDelayOfALargeDump() {
        long accept = NOW - 10_000_000;
        assertEquals(accept, clock.toEpochMicros(accept, 7, NOW)); // the age was read 3 s before the line arrived
        assertEquals(0, clock.offsetSeconds());
    }
}
