package io.hoptrace.correlator.internal.report;

import java.util.Locale;

/** Durations for people: {@code 850 us}, {@code 12.345 ms}, {@code 1.234 s}, {@code 312.4 s}. */
public final class DurationText {
    private DurationText() {
    }

    public static String format(long nanos) {
        return append(new StringBuilder(16), nanos).toString();
    }

    /**
     * Appends what {@link #format} returns. Below 100 s the three decimals are computed in integers: the value is
     * a whole number of nanoseconds, so rounding it half up at the third decimal gives what
     * {@code String.format("%.3f")} gives for the double, without its cost (reports format a few per hop).
     */
    public static StringBuilder append(StringBuilder sb, long nanos) {
        long abs = Math.abs(nanos);
        if (nanos < 0) {
            sb.append('-');
        }
        if (abs < 1_000_000L) {
            return sb.append(Math.round(abs / 1_000.0)).append(" us");
        }
        if (abs < 1_000_000_000L) {
            return thousandths(sb, (abs + 500) / 1_000).append(" ms");
        }
        if (abs < 100_000_000_000L) {
            return thousandths(sb, (abs + 500_000) / 1_000_000).append(" s");
        }
        return sb.append(String.format(Locale.ROOT, "%.1f s", abs / 1e9));
    }

    /** {@code n / 1000} with three decimals. */
    private static StringBuilder thousandths(StringBuilder sb, long n) {
        long fraction = n % 1000;
        sb.append(n / 1000).append('.');
        if (fraction < 100) {
            sb.append(fraction < 10 ? "00" : "0");
        }
        return sb.append(fraction);
    }

    /** Microseconds, rounded half away from zero (what the JSON output carries). */
    public static long micros(long nanos) {
        return nanos >= 0 ? (nanos + 500) / 1_000 : -((-nanos + 500) / 1_000);
    }
}
