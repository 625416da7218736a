package io.hoptrace.tracer.internal.source;

import io.hoptrace.events.Endpoint;

/**
 * One line of the hoptrace log-format in a HAProxy ring (docs/haproxy.md):
 *
 * <pre>
 * hoptrace-v1 [+|-] %rt %ci:%cp %fi:%fp %bi:%bp %si:%sp %f %b %s %Ts.%ms %Tw %Tc %Tt %U %B %ts %ID
 * </pre>
 * The optional {@code +} / {@code -} is what a HAProxy 3.1+ log profile writes on its {@code connect} and
 * {@code close} steps; without it (2.6 to 3.0, one log line per session) a {@code +}-prefixed {@code %Tt} tells a
 * line logged early by {@code option logasap} from one logged at the end. Names and the unique id are null when
 * HAProxy printed {@code -} or {@code <NOSRV>}; times are milliseconds, -1 when HAProxy did not reach that stage.
 *
 * @param kind '+' (connect), '-' (close), or '?' when the line does not say
 * @param partial {@code %Tt} had a '+': logged before the end (option logasap)
 */
record HaproxyRingLine(char kind, long id, Endpoint client, Endpoint frontend, Endpoint backend, Endpoint server,
                       String frontendName, String backendName, String serverName, long acceptMicros, long tw,
                       long tc, long tt, boolean partial, long bytesIn, long bytesOut, String term,
                       String uniqueId) {

    /** The session ended without a server connection: HAProxy never connected ({@code %Tc} is -1). */
    boolean isFailed() {
        return tc < 0 || backend.isUnknown() || server.isUnknown();
    }

    /** Logged when the server connection was established, not at the end. */
    boolean isOpen() {
        return kind == '+' || (kind == '?' && partial);
    }

    /** When the session ended (accept plus the total time), in microseconds since the epoch. */
    long endMicros() {
        return acceptMicros + Math.max(0, tt) * 1_000L;
    }
}
