package io.hoptrace.tracer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {
    @Test
    void readsEveryUnit() {
        assertEquals(Duration.ofMillis(250), DurationText.parse("x", "250ms"));
        assertEquals(Duration.ofSeconds(1), DurationText.parse("x", "1s"));
        assertEquals(Duration.ofMillis(1500), DurationText.parse("x", "1.5s"));
        assertEquals(Duration.ofMinutes(2), DurationText.parse("x", "2m"));
        assertEquals(Duration.ofHours(1), DurationText.parse("x", "1h"));
        assertEquals(Duration.ofSeconds(3), DurationText.parse("x", "3"));
    }

    @Test
    void rejectsAnUnknownUnitNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DurationText.parse("--interval", "3 days"));
        assertEquals("--interval: expected a duration like 500ms, 1s, 2m or 1h, got '3 days'", e.getMessage());
    }

    @Test
    void printsTheShortestForm() {
        assertEquals("250ms", DurationText.format(Duration.ofMillis(250)));
        assertEquals("2s", DurationText.format(Duration.ofSeconds(2)));
        assertEquals("5m", DurationText.format(Duration.ofMinutes(5)));
        assertEquals("1h", DurationText.format(Duration.ofHours(1)));
    }
}
