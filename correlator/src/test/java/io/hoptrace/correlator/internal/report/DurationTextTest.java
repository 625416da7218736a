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

    @Test
    void millisecondsAndSecondsRoundHalfUpLikeStringFormat() {
        // The three decimals are computed in integers; String.format on the double is the reference, especially
        // at the half-way points (x.xxx5) where a rounding difference would show.
        long[] nanos = {1_000_000, 1_000_500, 1_234_499, 1_234_500, 1_234_501, 12_345_500, 999_999_499, 999_999_500,
            1_000_000_000L, 1_000_500_000L, 1_234_499_999L, 1_234_500_000L, 99_999_499_999L, 99_999_500_000L,
            -1_234_500, -2_000_500_000L};
        for (long n : nanos) {
            long abs = Math.abs(n);
            String expected = (n < 0 ? "-" : "") + (abs < 1_000_000_000L
                    ? String.format(java.util.Locale.ROOT, "%.3f ms", abs / 1e6)
                    : String.format(java.util.Locale.ROOT, "%.3f s", abs / 1e9));
            assertEquals(expected, DurationText.format(n), "" + n);
            assertEquals(expected, DurationText.append(new StringBuilder(), n).toString(), "" + n);
        }
        for (long n = 1_000_500; n < 1_000_000_000L; n += 7_777_000) {
            assertEquals(String.format(java.util.Locale.ROOT, "%.3f ms", n / 1e6), DurationText.format(n), "" + n);
        }
    }
}
