package io.hoptrace.correlator;

import java.util.Objects;

/**
 * How long one proxy of a trace held the data. Request dwell: first payload leaving on its back connection minus
 * first payload arriving on its front connection; response dwell: first payload leaving toward the client minus
 * first payload arriving from the server. {@link #UNKNOWN} when a connection or its payload was not captured.
 * Negative values are kept: they mean the capture points' clocks disagree.
 */
public record ProxyDwell(ProxySession session, long requestDwellNanos, long responseDwellNanos) {
    public static final long UNKNOWN = Long.MIN_VALUE;

    public ProxyDwell {
        Objects.requireNonNull(session, "session");
    }

    public SessionRef ref() {
        return session.ref();
    }

    public boolean hasRequestDwell() {
        return requestDwellNanos != UNKNOWN;
    }

    public boolean hasResponseDwell() {
        return responseDwellNanos != UNKNOWN;
    }
}
