package io.hoptrace.tracer.internal.source;

import java.time.Instant;
import java.time.ZoneId;

/**
 * Turns the accept dates of {@code show sess all}, which HAProxy prints in its own local time without a zone,
 * into epoch time. The zone offset is learnt from the dump itself: a stream's {@code age=} (seconds since
 * accept, exact below one hour) places its accept date on the tracer's clock to within a second or two, and zone
 * offsets are whole quarter hours, so rounding the difference to 15 minutes gives the offset exactly (the CLI's
 * own stream, accepted moments before, is always in the dump). Until a stream with an exact age has been seen,
 * the tracer's own zone is assumed.
 */
final class HaproxyClock {
    private static final long QUARTER_HOUR_MICROS = 900_000_000L;
    private long offsetMicros;
    private boolean calibrated;

    /**
     * @param localMicros the accept date read as if it were UTC
     * @param ageSeconds the stream's exact age, or -1
     * @param receivedMicros when the line arrived
     */
    long toEpochMicros(long localMicros, int ageSeconds, long receivedMicros) {
        if (ageSeconds >= 0) {
            long accept = receivedMicros - ageSeconds * 1_000_000L;
            offsetMicros = Math.round((localMicros - accept) / (double) QUARTER_HOUR_MICROS) * QUARTER_HOUR_MICROS;
            calibrated = true;
        } else if (!calibrated) {
            Instant approx = Instant.ofEpochSecond(localMicros / 1_000_000L);
            offsetMicros = ZoneId.systemDefault().getRules().getOffset(approx).getTotalSeconds() * 1_000_000L;
        }
        return localMicros - offsetMicros;
    }

    /** HAProxy's UTC offset in seconds as learnt so far. */
    long offsetSeconds() {
        return offsetMicros / 1_000_000L;
    }
}
