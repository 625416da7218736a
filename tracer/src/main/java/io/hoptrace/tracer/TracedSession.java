package io.hoptrace.tracer;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.FourTuple;
import io.hoptrace.events.SessionEvent;
import java.util.Objects;

/**
 * A read-only view of one session of a {@link SessionTable}, copied out of the table at lookup time.
 *
 * <p>Numbers that were not reported are {@link SessionEvent#NONE}; names, reason, origin and unique id are null
 * when unknown. {@code openMicros} is the session's establishment time as reported by the proxy (or the time the
 * tracer learnt of it); {@code closeMicros}, bytes, duration and {@code term} are set once it has ended.
 *
 * @param source the proxy that reported it (the {@code NAME} of {@code -s NAME=ADDR})
 * @param id the proxy's session id, unique per proxy process
 * @param client the inbound peer
 * @param frontend the proxy's inbound local socket
 * @param backend the proxy's outbound local socket ({@link Endpoint#UNKNOWN} for a failed session)
 * @param server the outbound peer ({@link Endpoint#UNKNOWN} for a failed session)
 * @param bytesIn bytes client to server
 * @param bytesOut bytes server to client
 * @param term why it ended ({@code lost} when the tracer lost track of it during a gap)
 */
public record TracedSession(String source, long id, State state, Endpoint client, Endpoint frontend,
                            Endpoint backend, Endpoint server, String frontendName, String backendName,
                            String serverName, Endpoint orig, String uniqueId, long openMicros, long closeMicros,
                            long bytesIn, long bytesOut, long durationUs, String term) {

    /** Where a session is in its life. */
    public enum State {
        /** Established and not known to have ended. */
        OPEN,
        /** Ended; kept for the table's linger time so that late lookups still resolve. */
        CLOSED,
        /** Ended before any server connection was established ({@code x} events); also lingers. */
        FAILED
    }

    /** The part an endpoint plays in a session. */
    public enum Role {
        /** The inbound peer. */
        CLIENT,
        /** The proxy's inbound local socket. */
        FRONTEND,
        /** The proxy's outbound local socket. */
        BACKEND,
        /** The outbound peer. */
        SERVER
    }

    public TracedSession {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(frontend, "frontend");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(server, "server");
        if (id < 0) {
            throw new IllegalArgumentException("id: expected a non-negative session id, got " + id);
        }
    }

    public boolean isOpen() {
        return state == State.OPEN;
    }

    public Endpoint endpoint(Role role) {
        return switch (role) {
            case CLIENT -> client;
            case FRONTEND -> frontend;
            case BACKEND -> backend;
            case SERVER -> server;
        };
    }

    /** Client to frontend: the connection the proxy accepted. */
    public FourTuple front() {
        return new FourTuple(client, frontend);
    }

    /** Backend to server: the connection the proxy opened. */
    public FourTuple back() {
        return new FourTuple(backend, server);
    }

    /** How long it has been open at {@code nowMicros} (or how long it lasted, once closed); NONE if unknown. */
    public long ageMicros(long nowMicros) {
        if (openMicros == SessionEvent.NONE) {
            return SessionEvent.NONE;
        }
        if (state == State.OPEN) {
            return Math.max(0, nowMicros - openMicros);
        }
        if (durationUs != SessionEvent.NONE) {
            return durationUs;
        }
        return closeMicros == SessionEvent.NONE ? SessionEvent.NONE : Math.max(0, closeMicros - openMicros);
    }
}
