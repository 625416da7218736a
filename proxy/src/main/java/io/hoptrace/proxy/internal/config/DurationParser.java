package io.hoptrace.proxy.internal.config;

import java.time.Duration;

/**
 * HAProxy's time format (configuration manual 2.5 "Time format"): an unsigned decimal number with an optional
 * unit {@code us}, {@code ms} (the default), {@code s}, {@code m}, {@code h} or {@code d}. HAProxy keeps
 * timers in milliseconds and refuses values above 2147483647 ms (about 24.8 days); so does this parser.
 * Microseconds are kept exactly (HAProxy rounds them up to the next millisecond). HAProxy only warns about
 * trailing characters after the unit ({@code 5sec}); they are an error here.
 */
public final class DurationParser {
    static final long MAX_MILLIS = Integer.MAX_VALUE;
    private static final String EXPECTED =
            "expected a duration such as 5s (a number with an optional unit us, ms, s, m, h or d; default ms)";

    private DurationParser() {
    }

    /** Parses {@code text}; {@link Duration#ZERO} means "0", which HAProxy reads as "not set". */
    public static Duration parse(String text) {
        int i = 0;
        long value = 0;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            value = value * 10 + (text.charAt(i) - '0');
            if (value > MAX_MILLIS * 1000) {
                throw overflow(text);
            }
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException(EXPECTED + ", got '" + text + "'");
        }
        String unit = text.substring(i);
        long microsPerUnit = switch (unit) {
            case "us" -> 1L;
            case "", "ms" -> 1_000L;
            case "s" -> 1_000_000L;
            case "m" -> 60_000_000L;
            case "h" -> 3_600_000_000L;
            case "d" -> 86_400_000_000L;
            default -> throw new IllegalArgumentException(EXPECTED + ", got '" + text + "' (unknown unit '"
                    + unit + "')");
        };
        // Compared before multiplying so that the product can never overflow.
        if (value > MAX_MILLIS * 1000 / microsPerUnit) {
            throw overflow(text);
        }
        return Duration.ofNanos(value * microsPerUnit * 1000);
    }

    private static IllegalArgumentException overflow(String text) {
        return new IllegalArgumentException("'" + text + "' is above the maximum of " + MAX_MILLIS
                + " ms (~24.8 days)");
    }
}
