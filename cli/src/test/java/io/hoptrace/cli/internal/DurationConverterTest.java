package io.hoptrace.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationConverterTest {
    @Test
    void readsNumbersWithUnits() {
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofSeconds(2), DurationConverter.parse("2s"));
        assertEquals(Duration.ofMillis(1500), DurationConverter.parse("1.5s"));
        assertEquals(Duration.ofNanos(250_000), DurationConverter.parse("250us"));
        assertEquals(Duration.ofMinutes(10), DurationConverter.parse("10m"));
        assertEquals(Duration.ofHours(1), DurationConverter.parse("1h"));
        assertEquals(Duration.ZERO, DurationConverter.parse("0"));
    }

    @Test
    void rejectsANumberWithoutUnit() {
        assertThrows(CommandLine.TypeConversionException.class, () -> DurationConverter.parse("5"));
    }

    @Test
    void rejectsAnUnknownUnit() {
        assertThrows(CommandLine.TypeConversionException.class, () -> DurationConverter.parse("5 days"));
    }

    @Test
    void rejectsNegativeAndMalformedNumbers() {
        assertThrows(CommandLine.TypeConversionException.class, () -> DurationConverter.parse("-1s"));
        assertThrows(CommandLine.TypeConversionException.class, () -> DurationConverter.parse("1.2.3s"));
        assertThrows(CommandLine.TypeConversionException.class, () -> DurationConverter.parse(".5s"));
    }

    @Test
    void rejectsAnOverflowingDuration() {
        assertThrows(CommandLine.TypeConversionException.class, () -> DurationConverter.parse("999999999h"));
    }
}
