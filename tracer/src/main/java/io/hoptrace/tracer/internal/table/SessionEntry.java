package io.hoptrace.tracer.internal.table;

import io.hoptrace.events.Endpoint;

/**
 * One session of a {@link SessionShard}, kept compact: the four endpoints as packed keys (see
 * {@link EndpointCodec}), names as one interned route id, the term as an interned id, and the intrusive links of
 * the indexes that hold it. 144 bytes per entry with compressed oops; rarely present attributes (PROXY
 * protocol origin, unique id) live in a separate small object.
 *
 * <p>Mutable and unsynchronised: only its shard touches it, under the shard's lock.
 */
final class SessionEntry {
    static final byte OPEN = 1;
    static final byte CLOSED = 2;
    static final byte FAILED = 3;
    /** Removed from the shard while still queued for expiry; the expiry queue skips it. */
    static final byte REMOVED = 4;

    /** Roles of an endpoint in a session; the index of its list links. */
    static final int CLIENT = 0;
    static final int FRONTEND = 1;
    static final int BACKEND = 2;
    static final int SERVER = 3;

    final long id;
    long client;
    long frontend;
    long backend;
    long server;
    long openMicros;
    long closeMicros;
    long bytesIn;
    long bytesOut;
    long durationUs;
    int route;
    int epoch;
    short term;
    byte state;

    /** The attributes only PROXY-protocol sessions carry. */
    record Extra(Endpoint orig, String uniqueId) {
    }

    Extra extra;
    SessionEntry nextById;
    private SessionEntry prev0;
    private SessionEntry next0;
    private SessionEntry prev1;
    private SessionEntry next1;
    private SessionEntry prev2;
    private SessionEntry next2;
    private SessionEntry prev3;
    private SessionEntry next3;

    SessionEntry(long id) {
        this.id = id;
    }

    long key(int role) {
        return switch (role) {
            case CLIENT -> client;
            case FRONTEND -> frontend;
            case BACKEND -> backend;
            default -> server;
        };
    }

    SessionEntry prev(int role) {
        return switch (role) {
            case CLIENT -> prev0;
            case FRONTEND -> prev1;
            case BACKEND -> prev2;
            default -> prev3;
        };
    }

    SessionEntry next(int role) {
        return switch (role) {
            case CLIENT -> next0;
            case FRONTEND -> next1;
            case BACKEND -> next2;
            default -> next3;
        };
    }

    void prev(int role, SessionEntry e) {
        switch (role) {
            case CLIENT -> prev0 = e;
            case FRONTEND -> prev1 = e;
            case BACKEND -> prev2 = e;
            default -> prev3 = e;
        }
    }

    void next(int role, SessionEntry e) {
        switch (role) {
            case CLIENT -> next0 = e;
            case FRONTEND -> next1 = e;
            case BACKEND -> next2 = e;
            default -> next3 = e;
        }
    }

    boolean sameAddresses(long c, long f, long b, long s) {
        return client == c && frontend == f && backend == b && server == s;
    }
}
