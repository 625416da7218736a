package io.hoptrace.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TrafficCountersTest {
    @Test
    void openedAndClosedTrackCurrentMaxAndTotal() {
        TrafficCounters c = new TrafficCounters();
        c.opened();
        c.opened();
        c.closed();
        c.opened();
        assertEquals(2, c.current());
        assertEquals(2, c.max());
        assertEquals(3, c.total());
    }

    @Test
    void tryOpenNeverGoesOverTheLimitUnderContention() throws Exception {
        TrafficCounters c = new TrafficCounters();
        AtomicInteger granted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                all.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        if (c.tryOpen(3)) {
                            granted.incrementAndGet();
                            assertTrue(c.current() <= 3);
                            c.closed();
                        }
                    }
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(c.max() <= 3, "max " + c.max());
        assertEquals(granted.get(), c.total());
        assertEquals(0, c.current());
    }

    @Test
    void tryOpenRefusesAtTheLimitAndZeroMeansUnlimited() {
        TrafficCounters c = new TrafficCounters();
        assertTrue(c.tryOpen(1));
        assertFalse(c.tryOpen(1));
        for (int i = 0; i < 100; i++) {
            assertTrue(c.tryOpen(0));
        }
    }
}
