package io.hoptrace.proxy.internal.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SessionFormatterTest {
    private static String age(long nanos) {
        StringBuilder sb = new StringBuilder();
        SessionFormatter.age(sb, nanos);
        return sb.toString();
    }

    @Test
    void ageIsSecondsWithThreeDecimals() {
        assertEquals("0.000s", age(0));
        assertEquals("0.007s", age(7_400_000));
        assertEquals("1.250s", age(1_250_000_000L));
        assertEquals("3600.042s", age(3_600_042_000_000L));
    }
}
