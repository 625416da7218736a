package io.hoptrace.proxy.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationParserTest {
    private static final String EXPECTED =
            "expected a duration such as 5s (a number with an optional unit us, ms, s, m, h or d; default ms), got ";

    private static String error(String text) {
        return assertThrows(IllegalArgumentException.class, () -> DurationParser.parse(text)).getMessage();
    }

    @Test
    void defaultUnitIsMilliseconds() {
        assertEquals(Duration.ofMillis(1500), DurationParser.parse("1500"));
    }

    @Test
    void readsEveryUnit() {
        assertEquals(Duration.ofNanos(1500_000), DurationParser.parse("1500us"));
        assertEquals(Duration.ofMillis(250), DurationParser.parse("250ms"));
        assertEquals(Duration.ofSeconds(5), DurationParser.parse("5s"));
        assertEquals(Duration.ofMinutes(2), DurationParser.parse("2m"));
        assertEquals(Duration.ofHours(1), DurationParser.parse("1h"));
        assertEquals(Duration.ofDays(24), DurationParser.parse("24d"));
    }

    @Test
    void zeroIsZero() {
        assertEquals(Duration.ZERO, DurationParser.parse("0"));
    }

    @Test
    void acceptsTheMaximum() {
        assertEquals(Duration.ofMillis(Integer.MAX_VALUE), DurationParser.parse("2147483647"));
    }

    @Test
    void rejectsAboveTheMaximum() {
        assertEquals("'25d' is above the maximum of 2147483647 ms (~24.8 days)", error("25d"));
        assertEquals("'2147483648' is above the maximum of 2147483647 ms (~24.8 days)", error("2147483648"));
    }

    @Test
    void rejectsUnknownUnit() {
        assertEquals(EXPECTED + "'5sec' (unknown unit 'sec')", error("5sec"));
    }

    @Test
    void rejectsUpperCaseUnit() {
        assertEquals(EXPECTED + "'5S' (unknown unit 'S')", error("5S"));
    }

    @Test
    void rejectsDecimals() {
        assertEquals(EXPECTED + "'1.5s' (unknown unit '.5s')", error("1.5s"));
    }

    @Test
    void rejectsNegative() {
        assertEquals(EXPECTED + "'-1'", error("-1"));
    }

    @Test
    void rejectsEmpty() {
        assertEquals(EXPECTED + "''", error(""));
    }
}
