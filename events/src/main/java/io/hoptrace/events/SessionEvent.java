package io.hoptrace.events;

import java.util.Objects;

/**
 * What a proxy reports about its sessions on the stats socket's {@code show events} stream, one value per line
 * shape of the protocol (see {@code docs/protocol.md}):
 *
 * <pre>
 * + id client frontend backend server [ts= fe= be= srv= orig= uid=]   {@link Open}
 * - id [ts= bin= bout= dur= term=]                                    {@link Close}
 * x id client frontend [ts= fe= be= term=]                            {@link Failed}
 * ! dropped n                                                         {@link Dropped}
 * # snapshot n                                                        {@link Snapshot}
 * </pre>
 *
 * <p>Optional attributes that the line did not carry (the original bare format) are {@link #NONE} for numbers
 * and null for names and endpoints. Ids are the proxy's session ids, unique per proxy.
 */
public sealed interface SessionEvent
        permits SessionEvent.Open, SessionEvent.Close, SessionEvent.Failed, SessionEvent.Dropped,
        SessionEvent.Snapshot {

    /** The value of a numeric attribute that was not reported. */
    long NONE = -1;

    /** The event's own timestamp in microseconds since the epoch, or {@link #NONE}. */
    long tsMicros();

    /** A session is established: both its connections are up. */
    record Open(long id, Endpoint client, Endpoint frontend, Endpoint backend, Endpoint server, long tsMicros,
                String frontendName, String backendName, String serverName, Endpoint orig, String uniqueId)
            implements SessionEvent {
        public Open {
            requireId(id);
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(frontend, "frontend");
            Objects.requireNonNull(backend, "backend");
            Objects.requireNonNull(server, "server");
            requireTs(tsMicros);
            requireToken("fe", frontendName);
            requireToken("be", backendName);
            requireToken("srv", serverName);
            if (uniqueId != null && uniqueId.isEmpty()) {
                throw new IllegalArgumentException("uid: expected a non-empty unique id, got ''");
            }
        }

        /** The bare form of the original patch: addresses only. */
        public static Open bare(long id, Endpoint client, Endpoint frontend, Endpoint backend, Endpoint server) {
            return new Open(id, client, frontend, backend, server, NONE, null, null, null, null, null);
        }

        /** Client to frontend: the connection the proxy accepted. */
        public FourTuple front() {
            return new FourTuple(client, frontend);
        }

        /** Backend to server: the connection the proxy opened. */
        public FourTuple back() {
            return new FourTuple(backend, server);
        }

        public Open withTs(long ts) {
            return new Open(id, client, frontend, backend, server, ts, frontendName, backendName, serverName,
                    orig, uniqueId);
        }
    }

    /** A session ended. {@code term} says why (see {@code docs/protocol.md}, "Termination reasons"). */
    record Close(long id, long tsMicros, long bytesIn, long bytesOut, long durationUs, String term)
            implements SessionEvent {
        public Close {
            requireId(id);
            requireTs(tsMicros);
            requireCount("bin", bytesIn);
            requireCount("bout", bytesOut);
            requireCount("dur", durationUs);
            requireToken("term", term);
        }

        public static Close bare(long id) {
            return new Close(id, NONE, NONE, NONE, NONE, null);
        }

        public Close withTs(long ts) {
            return new Close(id, ts, bytesIn, bytesOut, durationUs, term);
        }
    }

    /** A session ended before any server connection was established (reported in full mode only). */
    record Failed(long id, Endpoint client, Endpoint frontend, long tsMicros, String frontendName,
                  String backendName, String term) implements SessionEvent {
        public Failed {
            requireId(id);
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(frontend, "frontend");
            requireTs(tsMicros);
            requireToken("fe", frontendName);
            requireToken("be", backendName);
            requireToken("term", term);
        }

        public FourTuple front() {
            return new FourTuple(client, frontend);
        }

        public Failed withTs(long ts) {
            return new Failed(id, client, frontend, ts, frontendName, backendName, term);
        }
    }

    /** {@code count} events for this subscriber were dropped because its queue was full; resynchronise. */
    record Dropped(long count) implements SessionEvent {
        public Dropped {
            if (count < 1) {
                throw new IllegalArgumentException("dropped: expected a count of at least 1, got " + count);
            }
        }

        @Override
        public long tsMicros() {
            return NONE;
        }
    }

    /** End of the snapshot replay: {@code count} sessions were live at the moment of the request. */
    record Snapshot(long count) implements SessionEvent {
        public Snapshot {
            requireCount("snapshot", count);
        }

        @Override
        public long tsMicros() {
            return NONE;
        }
    }

    private static void requireId(long id) {
        if (id < 0) {
            throw new IllegalArgumentException("id: expected a non-negative session id, got " + id);
        }
    }

    private static void requireTs(long ts) {
        if (ts < NONE) {
            throw new IllegalArgumentException("ts: expected microseconds since the epoch, got " + ts);
        }
    }

    private static void requireCount(String field, long value) {
        if (value < NONE) {
            throw new IllegalArgumentException(field + ": expected a non-negative number, got " + value);
        }
    }

    /** Names and reasons travel as one whitespace-free token in {@code key=value} form. */
    private static void requireToken(String field, String value) {
        if (value == null) {
            return;
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException(field + ": expected a non-empty name, got ''");
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) <= ' ') {
                throw new IllegalArgumentException(field + ": expected a name without spaces or control"
                        + " characters, got '" + value + "'");
            }
        }
    }
}
