package io.hoptrace.correlator;

import io.hoptrace.events.FourTuple;
import io.hoptrace.events.SessionEvent;
import java.util.Objects;

/**
 * One proxy session from the event logs: its front tuple (client to frontend) and back tuple (backend to server;
 * null for a session that {@code failed} before any server connection was established), its open and close
 * times in microseconds since the epoch ({@link SessionEvent#NONE} when unknown: bare {@code show events} text,
 * or a session still open when the log ended), and what the proxy said about it (names, bytes, term; null or
 * NONE when not reported). A failed session's {@code closeMicros} is the time of the failure.
 */
public record ProxySession(String source, long id, FourTuple front, FourTuple back, long openMicros,
                           long closeMicros, String frontendName, String backendName, String serverName,
                           long bytesIn, long bytesOut, String term, boolean failed) {
    public ProxySession {
        Objects.requireNonNull(front, "front");
        new SessionRef(source, id); // validates both
        if (failed != (back == null)) {
            throw new IllegalArgumentException("back: expected a back tuple exactly when the session did not fail,"
                    + " got " + back + (failed ? " for a failed session" : ""));
        }
        if (openMicros < SessionEvent.NONE || closeMicros < SessionEvent.NONE) {
            throw new IllegalArgumentException("openMicros/closeMicros: expected microseconds since the epoch or"
                    + " NONE, got " + openMicros + "/" + closeMicros);
        }
        if (bytesIn < SessionEvent.NONE || bytesOut < SessionEvent.NONE) {
            throw new IllegalArgumentException("bytesIn/bytesOut: expected non-negative counts or NONE, got "
                    + bytesIn + "/" + bytesOut);
        }
    }

    public SessionRef ref() {
        return new SessionRef(source, id);
    }

    /** True when the log carried a time for this session, so it can be matched by time windows. */
    public boolean timed() {
        return openMicros != SessionEvent.NONE || closeMicros != SessionEvent.NONE;
    }
}
