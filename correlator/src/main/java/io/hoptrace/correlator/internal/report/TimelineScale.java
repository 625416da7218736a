package io.hoptrace.correlator.internal.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One trace's time axis: capture time in nanoseconds to a page x, linear from the trace's first to its last
 * packet, and ticks every 1, 2 or 5 × 10^k ns labelled as time since the trace started in the unit that suits the
 * step (ns, µs, ms, s).
 */
final class TimelineScale {
    /** One tick: where it goes and what it says. */
    record Tick(double x, String label) {
    }

    /** A trace shorter than this is drawn as if it lasted this long, so that its marks do not pile up. */
    static final long MIN_SPAN_NANOS = 1_000;
    private static final int MAX_STEPS = 10;

    private final long startNanos;
    private final long spanNanos;
    private final double x0;
    private final double x1;

    TimelineScale(long startNanos, long endNanos, double x0, double x1) {
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("endNanos: expected at or after " + startNanos + ", got " + endNanos);
        }
        this.startNanos = startNanos;
        this.spanNanos = Math.max(MIN_SPAN_NANOS, endNanos - startNanos);
        this.x0 = x0;
        this.x1 = x1;
    }

    long startNanos() {
        return startNanos;
    }

    /** The page x of a capture time; times outside the trace are pinned to its ends. */
    double x(long nanos) {
        double f = (double) (nanos - startNanos) / spanNanos;
        return x0 + Math.max(0, Math.min(1, f)) * (x1 - x0);
    }

    List<Tick> ticks() {
        long step = step(spanNanos);
        long unit = unit(step); // divides the step: both are powers of ten times 1, 2 or 5, the unit the smaller
        String unitName = unit == 1 ? "ns" : unit == 1_000 ? "µs" : unit == 1_000_000 ? "ms" : "s";
        List<Tick> ticks = new ArrayList<>();
        for (long t = 0; t <= spanNanos; t += step) {
            ticks.add(new Tick(x(startNanos + t), t == 0 ? "0" : t / unit + " " + unitName));
        }
        return ticks;
    }

    /** The smallest 1-2-5 step that cuts the span into at most MAX_STEPS steps. */
    static long step(long span) {
        long raw = Math.max(1, (span + MAX_STEPS - 1) / MAX_STEPS);
        long pow = 1;
        while (pow <= raw / 10) {
            pow *= 10;
        }
        for (long m : new long[] {1, 2, 5, 10}) {
            if (m * pow >= raw) {
                return m * pow;
            }
        }
        return 10 * pow;
    }

    /** The largest unit (ns, µs, ms, s) not larger than the step. */
    static long unit(long step) {
        if (step >= 1_000_000_000L) {
            return 1_000_000_000L;
        }
        if (step >= 1_000_000L) {
            return 1_000_000L;
        }
        return step >= 1_000L ? 1_000L : 1;
    }
}
