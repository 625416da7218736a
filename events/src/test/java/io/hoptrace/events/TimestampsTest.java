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
}
