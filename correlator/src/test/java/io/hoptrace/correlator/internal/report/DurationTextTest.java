package io.hoptrace.correlator.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DurationTextTest {
    @Test
    void picksAUnitPeopleRead() {
        assertEquals("0 us", DurationText.format(0));
        assertEquals("850 us", DurationText.format(850_000));
        assertEquals("12.345 ms", DurationText.format(12_345_000));
        assertEquals("1.500 s", DurationText.format(1_500_000_000L));
        assertEquals("312.4 s", DurationText.format(312_400_000_000L));
    }

    @Test
    void keepsTheSignOfNegativeDurations() {
        assertEquals("-250 us", DurationText.format(-250_000));
    }

    @Test
    void microsRoundToNearest() {
        assertEquals(2, DurationText.micros(1_500));
        assertEquals(1, DurationText.micros(1_499));
        assertEquals(-2, DurationText.micros(-1_500));
    }
}
