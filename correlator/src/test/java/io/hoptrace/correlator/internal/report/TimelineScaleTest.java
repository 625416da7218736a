package io.hoptrace.correlator.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineScaleTest {
    private static List<String> labels(long spanNanos) {
        return new TimelineScale(1_000_000_000L, 1_000_000_000L + spanNanos, 100, 1100).ticks().stream()
                .map(TimelineScale.Tick::label).toList();
    }

    @Test
    void mapsTheTraceOntoThePlotLinearly() {
        TimelineScale s = new TimelineScale(5_000, 15_000, 100, 1100);
        assertEquals(100, s.x(5_000), 1e-9);
        assertEquals(600, s.x(10_000), 1e-9);
        assertEquals(1100, s.x(15_000), 1e-9);
    }

    @Test
    void pinsTimesOutsideTheTraceToItsEnds() {
        TimelineScale s = new TimelineScale(5_000, 15_000, 100, 1100);
        assertEquals(100, s.x(0), 1e-9);
        assertEquals(1100, s.x(99_000), 1e-9);
    }

    @Test
    void zeroLengthTraceGetsTheMinimumSpan() {
        TimelineScale s = new TimelineScale(7_000, 7_000, 0, 1000);
        assertEquals(500, s.x(7_000 + TimelineScale.MIN_SPAN_NANOS / 2), 1e-9);
    }

    @Test
    void rejectsEndBeforeStart() {
        assertThrows(IllegalArgumentException.class, () -> new TimelineScale(10, 5, 0, 100));
    }

    @Test
    void ticksEveryOneTwoOrFiveInTheUnitOfTheStep() {
        assertEquals(List.of("0", "100 µs", "200 µs", "300 µs", "400 µs", "500 µs", "600 µs", "700 µs",
                "800 µs"), labels(825_000));
        assertEquals(List.of("0", "5 ms", "10 ms", "15 ms", "20 ms", "25 ms", "30 ms"), labels(31_200_000));
        assertEquals(List.of("0", "100 ns", "200 ns", "300 ns", "400 ns", "500 ns", "600 ns", "700 ns", "800 ns",
                "900 ns", "1000 ns"), labels(1_000));
        assertEquals(List.of("0", "1 s", "2 s", "3 s", "4 s", "5 s", "6 s", "7 s", "8 s", "9 s"),
                labels(9_500_000_000L));
        assertEquals("100 s", labels(600_000_000_000L).get(1));
    }

    @Test
    void stepIsTheNextOneTwoOrFive() {
        assertEquals(1, TimelineScale.step(5));
        assertEquals(20, TimelineScale.step(150));
        assertEquals(50, TimelineScale.step(300));
        assertEquals(100, TimelineScale.step(700));
        assertEquals(1_000_000, TimelineScale.step(8_000_000));
    }

    @Test
    void firstTickIsAtTheStartAndNoTickPassesTheEnd() {
        List<TimelineScale.Tick> ticks = new TimelineScale(0, 825_000, 100, 1100).ticks();
        assertEquals(100, ticks.get(0).x(), 1e-9);
        assertTrue(ticks.get(ticks.size() - 1).x() <= 1100, "last tick at " + ticks.get(ticks.size() - 1).x());
    }
}
