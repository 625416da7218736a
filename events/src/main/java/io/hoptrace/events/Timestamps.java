package io.hoptrace.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
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
        try {
            Instant i = Instant.parse(text);
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000);
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("ts: expected an RFC 3339 UTC time like 2026-11-26T05:39:52.989205Z,"
                    + " got '" + text + "'");
        }
    }

    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        int digits = value == 0 ? 1 : (int) Math.log10(value) + 1;
        for (int i = digits; i < width; i++) {
            sb.append('0');
        }
        return sb.append(value);
    }
}
