package io.hoptrace.tracer;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a {@link Tracer} behaves around failures.
 *
 * @param reconnectMin the first retry delay after a failure; doubled per failure (with +-20% jitter)
 * @param reconnectMax the cap of the retry delay
 * @param connectTimeout how long a connection attempt may take
 * @param answerTimeout how long a request ({@code show info}, {@code show sess all}) may stay silent
 * @param warnings where warnings go (malformed lines with their text, lost connections), one line each,
 *     already rate-limited per source
 */
public record TracerOptions(Duration reconnectMin, Duration reconnectMax, Duration connectTimeout,
                            Duration answerTimeout, Consumer<String> warnings) {
    /** 100 ms doubling to 5 s, 5 s to connect, 30 s of silence per answer, warnings to {@link System.Logger}. */
    public static final TracerOptions DEFAULT = new TracerOptions(Duration.ofMillis(100), Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofSeconds(30), TracerOptions::log);

    public TracerOptions {
        positive("reconnectMin", reconnectMin);
        positive("reconnectMax", reconnectMax);
        positive("connectTimeout", connectTimeout);
        positive("answerTimeout", answerTimeout);
        Objects.requireNonNull(warnings, "warnings");
        if (reconnectMax.compareTo(reconnectMin) < 0) {
            throw new IllegalArgumentException("reconnectMax: expected at least reconnectMin (" + reconnectMin
                    + "), got " + reconnectMax);
        }
    }

    public TracerOptions withReconnect(Duration min, Duration max) {
        return new TracerOptions(min, max, connectTimeout, answerTimeout, warnings);
    }

    public TracerOptions withWarnings(Consumer<String> sink) {
        return new TracerOptions(reconnectMin, reconnectMax, connectTimeout, answerTimeout, sink);
    }

    private static void positive(String field, Duration d) {
        Objects.requireNonNull(d, field);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + ": expected a positive duration, got " + d);
        }
    }

    private static void log(String message) {
        System.getLogger("io.hoptrace.tracer").log(System.Logger.Level.WARNING, message);
    }
}
