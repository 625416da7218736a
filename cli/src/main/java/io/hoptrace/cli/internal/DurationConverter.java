package io.hoptrace.cli.internal;

import java.math.BigDecimal;
import java.time.Duration;
import picocli.CommandLine;

/**
 * Durations on the command line: a number and a unit, {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 250us},
 * {@code 10m}, {@code 1h}; {@code 0} alone is zero. A number without a unit is refused (seconds or milliseconds?).
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        String v = value == null ? "" : value.strip();
        if (v.equals("0")) {
            return Duration.ZERO;
        }
        int unitAt = 0;
        while (unitAt < v.length() && (Character.isDigit(v.charAt(unitAt)) || v.charAt(unitAt) == '.')) {
            unitAt++;
        }
        String number = v.substring(0, unitAt);
        String unit = v.substring(unitAt);
        long nanosPerUnit = switch (unit) {
            case "ns" -> 1L;
            case "us", "\u00b5s" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m", "min" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> -1L;
        };
        if (number.isEmpty() || nanosPerUnit < 0 || number.chars().filter(c -> c == '.').count() > 1
                || number.startsWith(".") || number.endsWith(".")) {
            throw new CommandLine.TypeConversionException("expected a duration like 500ms, 2s, 1.5s or 10m, got '"
                    + value + "'");
        }
        BigDecimal nanos = new BigDecimal(number).multiply(BigDecimal.valueOf(nanosPerUnit));
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new CommandLine.TypeConversionException("expected a duration of at most 292 years, got '" + value
                    + "'");
        }
        return Duration.ofNanos(nanos.longValue());
    }
}
