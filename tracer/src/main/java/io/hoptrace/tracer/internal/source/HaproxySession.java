package io.hoptrace.tracer.internal.source;

import io.hoptrace.events.Endpoint;

/**
 * One stream of HAProxy's {@code show sess all} dump, reduced to what the tracer needs. Addresses are null when
 * the dump has none (no backend connection yet), {@link Endpoint#UNKNOWN} for Unix sockets.
 *
 * @param id HAProxy's stream id ({@code uniq_id}), unique per process; the same number as {@code %rt} in logs
 * @param acceptLocalMicros the accept date as printed, in HAProxy's local time, read as if it were UTC
 * @param ageSeconds the stream's age when precise to the second ({@code age=} without hours or days), else -1
 * @param established the server side is established ({@code scb ... state=EST}; true when the dump does not say)
 */
record HaproxySession(long id, long acceptLocalMicros, int ageSeconds, String proto, Endpoint source,
                      String frontendName, Endpoint frontendAddr, String backendName, Endpoint backendAddr,
                      String serverName, Endpoint serverAddr, boolean established) {

    /** The CLI's own streams (and other applets) run in the GLOBAL frontend; they are not proxied sessions. */
    boolean isProxied() {
        return !"GLOBAL".equals(frontendName) && source != null && frontendAddr != null && backendAddr != null
                && serverAddr != null && established;
    }
}
