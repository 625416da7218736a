package io.hoptrace.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void formatsWithSixFractionDigits() {
        assertEquals("2026-11-26T05:39:53.101000Z", Timestamps.formatMicros(1_795_671_593_101_000L));
        assertEquals("1970-01-01T00:00:00.000001Z", Timestamps.formatMicros(1));
    }

    @Test
    void parsesWhatItFormats() {
        long t = 1_795_671_592_989_205L;
        assertEquals(t, Timestamps.parseMicros(Timestamps.formatMicros(t)));
    }

    @Test
    void parsesOtherFractionLengths() {
        assertEquals(1_795_671_593_100_000L, Timestamps.parseMicros("2026-11-26T05:39:53.1Z"));
    }

    @Test
    void rejectsNonUtcGarbage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Timestamps.parseMicros("yesterday"));
        assertTrue(e.getMessage().contains("'yesterday'"));
    }

    @Test
    void parsesEdgeCasesExactlyAsInstantParse() {
        // The canonical form has a fast path; these sit on and just off its edges and must mean what
        // Instant.parse says (or be rejected where it rejects them).
        String[] cases = {"2026-11-26T05:39:52Z", "2026-11-26T05:39:52.123456789Z", "2026-11-26T05:39:52.000000001Z",
            "2024-02-29T00:00:00Z", "1969-12-31T23:59:59.999999Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
            "2026-11-26T24:00:00Z", "2026-11-26T23:59:60Z", "2026-11-26t05:39:52z", "2026-11-26T05:39:52.Z",
            "2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-26T05:60:00Z", "2026-11-26T05:39:52.1234567891Z",
            "2026-11-26T05:39:52+01:00", "+2026-11-26T05:39:52Z"};
        for (String c : cases) {
            Long expected;
            try {
                java.time.Instant i = java.time.Instant.parse(c);
                expected = i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
            } catch (java.time.DateTimeException e) {
                expected = null;
            }
            if (expected == null) {
                assertThrows(IllegalArgumentException.class, () -> Timestamps.parseMicros(c), c);
            } else {
                assertEquals(expected, Timestamps.parseMicros(c), c);
            }
        }
    }
}
