package io.hoptrace.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * Event time is carried as microseconds since the epoch (a {@code long}); records write it as RFC 3339 UTC with
 * exactly six fraction digits ({@code 2026-11-26T05:39:52.989205Z}), so that columns line up and a reader never
 * has to guess the precision.
 */
public final class Timestamps {
    private Timestamps() {
    }

    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    public static String formatMicros(long micros) {
        return appendMicros(new StringBuilder(27), micros).toString();
    }

    public static StringBuilder appendMicros(StringBuilder sb, long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int fraction = (int) Math.floorMod(micros, 1_000_000L);
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        pad(sb, t.getYear(), 4).append('-');
        pad(sb, t.getMonthValue(), 2).append('-');
        pad(sb, t.getDayOfMonth(), 2).append('T');
        pad(sb, t.getHour(), 2).append(':');
        pad(sb, t.getMinute(), 2).append(':');
        pad(sb, t.getSecond(), 2).append('.');
        return pad(sb, fraction, 6).append('Z');
    }

    /** Parses RFC 3339 / ISO-8601 instants with any number of fraction digits; throws naming the value. */
    public static long parseMicros(CharSequence text) {
        long canonical = parseCanonical(text);
        if (canonical != NOT_CANONICAL) {
            return canonical;
        }
        try {
            Instant i = Instant.parse(text);
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000);
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("ts: expected an RFC 3339 UTC time like 2026-11-26T05:39:52.989205Z,"
                    + " got '" + text + "'");
        }
    }

    /** What {@link #parseCanonical} returns for text it leaves to {@link Instant#parse}. */
    private static final long NOT_CANONICAL = Long.MIN_VALUE;

    /**
     * The form records are written in, {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with every field in range, parsed
     * without {@link java.time.format.DateTimeFormatter} (which costs microseconds a line on large event logs);
     * anything else, valid or not, is left to {@link Instant#parse}, so what is accepted and what it means does not
     * change.
     */
    private static long parseCanonical(CharSequence t) {
        int n = t.length();
        if (n < 20 || n > 30 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
                || t.charAt(13) != ':' || t.charAt(16) != ':' || t.charAt(n - 1) != 'Z') {
            return NOT_CANONICAL;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return NOT_CANONICAL;
        }
        int micros = 0;
        if (n > 20) {
            int fractionDigits = n - 21;
            if (t.charAt(19) != '.' || fractionDigits < 1) {
                return NOT_CANONICAL;
            }
            int fraction = digits(t, 20, fractionDigits);
            if (fraction < 0) {
                return NOT_CANONICAL;
            }
            // Scale to nanoseconds, then truncate to microseconds as Instant#getNano() / 1000 does.
            for (int i = fractionDigits; i < 9; i++) {
                fraction *= 10;
            }
            micros = fraction / 1000;
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return (days * 86_400L + hour * 3600L + minute * 60L + second) * 1_000_000L + micros;
    }

    /** The value of {@code count} decimal digits at {@code from}, or -1 when one of them is not a digit. */
    private static int digits(CharSequence t, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        int digits = value == 0 ? 1 : (int) Math.log10(value) + 1;
        for (int i = digits; i < width; i++) {
            sb.append('0');
        }
        return sb.append(value);
    }
}
