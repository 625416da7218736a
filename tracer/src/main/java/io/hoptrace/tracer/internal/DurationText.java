package io.hoptrace.tracer.internal;

import java.time.Duration;

/**
 * Durations as users type them: a number with a unit, {@code 250ms}, {@code 1s}, {@code 1.5s}, {@code 2m},
 * {@code 1h}; a bare number is seconds. Printed back in the shortest of those forms.
 */
public final class DurationText {
    private DurationText() {
    }

    public static Duration parse(String field, String text) {
        String t = text.trim();
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
            i++;
        }
        String unit = t.substring(i);
        long nanosPerUnit = switch (unit) {
            case "ms" -> 1_000_000L;
            case "", "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> -1;
        };
        if (i == 0 || nanosPerUnit < 0) {
            throw new IllegalArgumentException(field + ": expected a duration like 500ms, 1s, 2m or 1h, got '"
                    + text + "'");
        }
        try {
            double value = Double.parseDouble(t.substring(0, i));
            return Duration.ofNanos(Math.round(value * nanosPerUnit));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(field + ": expected a duration like 500ms, 1s, 2m or 1h, got '"
                    + text + "'");
        }
    }

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }
}
