package io.hoptrace.proxy.internal.session;

import java.util.Locale;

/** Where a session is in its life; {@code show sess} prints the lower-case name. */
public enum SessionState {
    /** Accepted; an accept-proxy bind waits for the PROXY header. */
    ACCEPTED,
    /** Waiting in the backend queue for a server slot. */
    QUEUED,
    /** Connecting to a server (first attempt or retry). */
    CONNECTING,
    /** Both connections are up: data flows. */
    ESTABLISHED,
    /** Closing both connections. */
    CLOSING,
    /** Both connections are closed. */
    CLOSED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
