package io.hoptrace.correlator.internal.report;

import java.util.Locale;

/** Durations for people: {@code 850 us}, {@code 12.345 ms}, {@code 1.234 s}, {@code 312.4 s}. */
public final class DurationText {
    private DurationText() {
    }

    public static String format(long nanos) {
        long abs = Math.abs(nanos);
        String sign = nanos < 0 ? "-" : "";
        if (abs < 1_000_000L) {
            return sign + Math.round(abs / 1_000.0) + " us";
        }
        if (abs < 1_000_000_000L) {
            return sign + String.format(Locale.ROOT, "%.3f ms", abs / 1e6);
        }
        if (abs < 100_000_000_000L) {
            return sign + String.format(Locale.ROOT, "%.3f s", abs / 1e9);
        }
        return sign + String.format(Locale.ROOT, "%.1f s", abs / 1e9);
    }

    /** Microseconds, rounded half away from zero (what the JSON output carries). */
    public static long micros(long nanos) {
        return nanos >= 0 ? (nanos + 500) / 1_000 : -((-nanos + 500) / 1_000);
    }
}
