package io.hoptrace.correlator;

import java.time.Duration;
import java.util.Objects;

/**
 * How a correlation run matches things up.
 *
 * <ul>
 *   <li>{@code maxSkew}: how far event timestamps may be off from capture timestamps (the proxy's clock against
 *       the capture host's, plus the delay of a tracer's receive time); default 1 s.</li>
 *   <li>{@code idleSplit}: a silence longer than this on one four-tuple starts a new connection instance even
 *       without a new SYN (for captures that missed the end of the earlier one); zero disables; default 10 min,
 *       longer than the 60 s Linux TIME_WAIT after which a port may be reused.</li>
 *   <li>{@code dedupeWindow}: how far apart two capture points may have stamped the same packet and still have
 *       it counted once; default 1 s.</li>
 *   <li>{@code follow}: which traces (and summary entries) to report; default everything.</li>
 * </ul>
 */
public record CorrelationOptions(Duration maxSkew, Duration idleSplit, Duration dedupeWindow, FollowFilter follow) {
    public static final Duration DEFAULT_MAX_SKEW = Duration.ofSeconds(1);
    public static final Duration DEFAULT_IDLE_SPLIT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_DEDUPE_WINDOW = Duration.ofSeconds(1);

    public CorrelationOptions {
        requireNonNegative("maxSkew", maxSkew);
        requireNonNegative("idleSplit", idleSplit);
        requireNonNegative("dedupeWindow", dedupeWindow);
        Objects.requireNonNull(follow, "follow");
    }

    public static CorrelationOptions defaults() {
        return new CorrelationOptions(DEFAULT_MAX_SKEW, DEFAULT_IDLE_SPLIT, DEFAULT_DEDUPE_WINDOW,
                FollowFilter.EVERYTHING);
    }

    public CorrelationOptions withMaxSkew(Duration d) {
        return new CorrelationOptions(d, idleSplit, dedupeWindow, follow);
    }

    public CorrelationOptions withIdleSplit(Duration d) {
        return new CorrelationOptions(maxSkew, d, dedupeWindow, follow);
    }

    public CorrelationOptions withDedupeWindow(Duration d) {
        return new CorrelationOptions(maxSkew, idleSplit, d, follow);
    }

    public CorrelationOptions withFollow(FollowFilter f) {
        return new CorrelationOptions(maxSkew, idleSplit, dedupeWindow, f);
    }

    private static void requireNonNegative(String field, Duration d) {
        Objects.requireNonNull(d, field);
        if (d.isNegative()) {
            throw new IllegalArgumentException(field + ": expected a duration of zero or more, got " + d);
        }
        if (d.compareTo(Duration.ofDays(365)) > 0) {
            throw new IllegalArgumentException(field + ": expected at most a year, got " + d);
        }
    }
}
