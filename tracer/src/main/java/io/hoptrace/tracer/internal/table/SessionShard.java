package io.hoptrace.tracer.internal.table;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.EventRecord;
import io.hoptrace.events.FourTuple;
import io.hoptrace.events.SessionEvent;
import io.hoptrace.tracer.TracedSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Consumer;

/**
 * The sessions of one source (one proxy). One writer (the source's connection, or a replay) and any number of
 * readers: every method takes the shard's lock, writes exclusively, reads shared, so a reader never sees an entry
 * half-applied.
 *
 * <p>Indexes: session id (O(1)), and each endpoint role (client, frontend, backend, server) from packed endpoint
 * key to the list of entries using it (O(1) to add or remove, O(matches) to look up). A four-tuple lookup walks
 * the client (or backend) list of its first endpoint, which holds one entry unless the port was reused within the
 * linger time. Closed entries queue in close order and are dropped once older than the linger time.
 */
public final class SessionShard {
    /** How a snapshot's session compares with what the shard holds. */
    public enum Reconcile {
        /** Open here with the same addresses: nothing to report (marked as seen). */
        SAME,
        /** Not here (or only a closed namesake with other addresses): report it as opened. */
        NEW,
        /** Open here with other addresses (the id was reused): report the old one lost, then the new one. */
        REPLACE,
        /** Here, already closed, with the same addresses: the snapshot is older than the close; ignore it. */
        STALE
    }

    private final String source;
    private final StampedLock lock = new StampedLock();
    private final EndpointCodec codec = new EndpointCodec();
    private final NameTable names = new NameTable();
    private final IdIndex ids = new IdIndex();
    private final EndpointIndex[] roles = {
        new EndpointIndex(SessionEntry.CLIENT), new EndpointIndex(SessionEntry.FRONTEND),
        new EndpointIndex(SessionEntry.BACKEND), new EndpointIndex(SessionEntry.SERVER)};
    private SessionEntry closedHead;
    private SessionEntry closedTail;
    private int openCount;
    private int closedCount;
    private int epoch;

    public SessionShard(String source) {
        this.source = source;
    }

    public String source() {
        return source;
    }

    /**
     * Applies one record of this source: opens, closes and failures change the table; drop and snapshot markers do
     * not. Returns true when the table changed.
     */
    public boolean apply(EventRecord record) {
        long stamp = lock.writeLock();
        try {
            SessionEvent e = record.event();
            if (e instanceof SessionEvent.Open o) {
                return open(o, record.tsMicros());
            } else if (e instanceof SessionEvent.Close c) {
                return close(c, record.tsMicros());
            } else if (e instanceof SessionEvent.Failed f) {
                return failed(f, record.tsMicros());
            }
            return false;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private boolean open(SessionEvent.Open o, long ts) {
        SessionEntry old = ids.get(o.id());
        if (old != null) {
            if (old.state == SessionEntry.OPEN && old.sameAddresses(codec.find(o.client()),
                    codec.find(o.frontend()), codec.find(o.backend()), codec.find(o.server()))) {
                return false; // reported twice (a snapshot racing the stream): nothing new
            }
            remove(old);
        }
        SessionEntry n = new SessionEntry(o.id());
        n.client = codec.acquire(o.client());
        n.frontend = codec.acquire(o.frontend());
        n.backend = codec.acquire(o.backend());
        n.server = codec.acquire(o.server());
        n.route = names.route(o.frontendName(), o.backendName(), o.serverName());
        n.openMicros = ts;
        n.closeMicros = SessionEvent.NONE;
        n.bytesIn = SessionEvent.NONE;
        n.bytesOut = SessionEvent.NONE;
        n.durationUs = SessionEvent.NONE;
        n.epoch = epoch;
        n.state = SessionEntry.OPEN;
        if (o.orig() != null || o.uniqueId() != null) {
            n.extra = new SessionEntry.Extra(o.orig(), o.uniqueId());
        }
        insert(n);
        openCount++;
        return true;
    }

    private boolean close(SessionEvent.Close c, long ts) {
        SessionEntry e = ids.get(c.id());
        if (e == null || e.state != SessionEntry.OPEN) {
            return false;
        }
        e.state = SessionEntry.CLOSED;
        e.closeMicros = ts;
        e.bytesIn = c.bytesIn();
        e.bytesOut = c.bytesOut();
        e.durationUs = c.durationUs();
        e.term = names.term(c.term());
        openCount--;
        closedCount++;
        enqueueClosed(e);
        return true;
    }

    private boolean failed(SessionEvent.Failed f, long ts) {
        SessionEntry old = ids.get(f.id());
        if (old != null) {
            remove(old);
        }
        SessionEntry n = new SessionEntry(f.id());
        n.client = codec.acquire(f.client());
        n.frontend = codec.acquire(f.frontend());
        n.route = names.route(f.frontendName(), f.backendName(), null);
        n.openMicros = SessionEvent.NONE;
        n.closeMicros = ts;
        n.bytesIn = SessionEvent.NONE;
        n.bytesOut = SessionEvent.NONE;
        n.durationUs = SessionEvent.NONE;
        n.term = names.term(f.term());
        n.epoch = epoch;
        n.state = SessionEntry.FAILED;
        insert(n);
        closedCount++;
        enqueueClosed(n);
        return true;
    }

    private void insert(SessionEntry n) {
        ids.add(n);
        for (int r = 0; r < 4; r++) {
            roles[r].add(n.key(r), n);
        }
    }

    private void remove(SessionEntry e) {
        ids.remove(e);
        for (int r = 0; r < 4; r++) {
            long k = e.key(r);
            roles[r].remove(k, e);
            codec.release(k);
        }
        if (e.state == SessionEntry.OPEN) {
            openCount--;
        } else {
            closedCount--;
        }
        e.state = SessionEntry.REMOVED; // the expiry queue may still hold it; it skips removed entries
    }

    private void enqueueClosed(SessionEntry e) {
        e.nextClosed = null;
        if (closedTail == null) {
            closedHead = e;
        } else {
            closedTail.nextClosed = e;
        }
        closedTail = e;
    }

    /**
     * Drops the closed sessions that ended at least {@code lingerMicros} before {@code nowMicros} (and those with
     * no known close time). Returns how many were dropped.
     */
    public int expire(long nowMicros, long lingerMicros) {
        long stamp = lock.writeLock();
        try {
            int n = 0;
            SessionEntry e = closedHead;
            while (e != null) {
                if (e.state != SessionEntry.REMOVED) {
                    if (e.closeMicros != SessionEvent.NONE && e.closeMicros > nowMicros - lingerMicros) {
                        break;
                    }
                    remove(e);
                    n++;
                }
                SessionEntry next = e.nextClosed;
                e.nextClosed = null;
                e = next;
            }
            closedHead = e;
            if (e == null) {
                closedTail = null;
            }
            return n;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Starts a snapshot comparison: sessions {@link #reconcile}d or opened from now on are marked as seen. */
    public void beginSweep() {
        long stamp = lock.writeLock();
        try {
            epoch++;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Compares a snapshot's session with the table (marking it seen when it is the same). */
    public Reconcile reconcile(SessionEvent.Open o) {
        long stamp = lock.writeLock();
        try {
            SessionEntry e = ids.get(o.id());
            if (e == null) {
                return Reconcile.NEW;
            }
            boolean same = e.sameAddresses(codec.find(o.client()), codec.find(o.frontend()),
                    codec.find(o.backend()), codec.find(o.server()));
            if (e.state == SessionEntry.OPEN) {
                if (same) {
                    e.epoch = epoch;
                    return Reconcile.SAME;
                }
                return Reconcile.REPLACE;
            }
            return same ? Reconcile.STALE : Reconcile.NEW;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** The ids of the open sessions not seen since {@link #beginSweep}: those that vanished. */
    public long[] unswept() {
        long stamp = lock.readLock();
        try {
            long[] out = new long[Math.max(openCount, 0)];
            int[] n = {0};
            int current = epoch;
            ids.forEach(e -> {
                if (e.state == SessionEntry.OPEN && e.epoch != current) {
                    out[n[0]++] = e.id;
                }
            });
            return java.util.Arrays.copyOf(out, n[0]);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** The ids of all open sessions. */
    public long[] openIds() {
        long stamp = lock.readLock();
        try {
            long[] out = new long[openCount];
            int[] n = {0};
            ids.forEach(e -> {
                if (e.state == SessionEntry.OPEN) {
                    out[n[0]++] = e.id;
                }
            });
            return java.util.Arrays.copyOf(out, n[0]);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** The session with this id, or null. */
    public TracedSession get(long id) {
        long stamp = lock.readLock();
        try {
            SessionEntry e = ids.get(id);
            return e == null ? null : view(e);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** True when the session is open here (cheaper than {@link #get}). */
    public boolean isOpen(long id) {
        long stamp = lock.readLock();
        try {
            SessionEntry e = ids.get(id);
            return e != null && e.state == SessionEntry.OPEN;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** True when the id is in the table, open or lingering after its close. */
    public boolean isKnown(long id) {
        long stamp = lock.readLock();
        try {
            return ids.get(id) != null;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Adds the sessions using {@code endpoint} in role {@code role} (0..3: client, frontend, backend, server). */
    public void byEndpoint(Endpoint endpoint, int role, List<TracedSession> out) {
        long stamp = lock.readLock();
        try {
            long key = codec.find(endpoint);
            for (SessionEntry e = roles[role].head(key); e != null; e = e.next(role)) {
                out.add(view(e));
            }
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Adds the sessions using {@code endpoint} in any role, each once. */
    public void byEndpoint(Endpoint endpoint, List<TracedSession> out) {
        long stamp = lock.readLock();
        try {
            long key = codec.find(endpoint);
            for (int r = 0; r < 4; r++) {
                for (SessionEntry e = roles[r].head(key); e != null; e = e.next(r)) {
                    if (firstRoleOf(e, key) == r) {
                        out.add(view(e));
                    }
                }
            }
        } finally {
            lock.unlockRead(stamp);
        }
    }

    private static int firstRoleOf(SessionEntry e, long key) {
        for (int r = 0; r < 4; r++) {
            if (e.key(r) == key) {
                return r;
            }
        }
        return -1;
    }

    /**
     * Adds the sessions whose front tuple (client, frontend) or back tuple (backend, server) is {@code tuple}, in
     * either orientation (a packet may be seen from either end).
     */
    public void byTuple(FourTuple tuple, List<TracedSession> out) {
        long stamp = lock.readLock();
        try {
            long a = codec.find(tuple.client());
            long b = codec.find(tuple.server());
            match(SessionEntry.CLIENT, a, SessionEntry.FRONTEND, b, out);
            match(SessionEntry.BACKEND, a, SessionEntry.SERVER, b, out);
            if (a != b) {
                match(SessionEntry.CLIENT, b, SessionEntry.FRONTEND, a, out);
                match(SessionEntry.BACKEND, b, SessionEntry.SERVER, a, out);
            }
        } finally {
            lock.unlockRead(stamp);
        }
    }

    private void match(int role, long key, int otherRole, long otherKey, List<TracedSession> out) {
        if (otherKey == EndpointCodec.UNKNOWN || otherKey == -1) {
            return;
        }
        for (SessionEntry e = roles[role].head(key); e != null; e = e.next(role)) {
            if (e.key(otherRole) == otherKey) {
                out.add(view(e));
            }
        }
    }

    /** Every session, open or lingering, copied out under one read lock. */
    public void forEach(Consumer<TracedSession> action) {
        List<TracedSession> all;
        long stamp = lock.readLock();
        try {
            all = new ArrayList<>(openCount + closedCount);
            List<TracedSession> sink = all;
            ids.forEach(e -> sink.add(view(e)));
        } finally {
            lock.unlockRead(stamp);
        }
        all.forEach(action);
    }

    public int openCount() {
        long stamp = lock.readLock();
        try {
            return openCount;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    public int closedCount() {
        long stamp = lock.readLock();
        try {
            return closedCount;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Distinct IPv6 addresses interned (tests check that they are released). */
    int internedV6() {
        long stamp = lock.readLock();
        try {
            return codec.internedV6();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Distinct endpoints indexed in a role (tests check that expired sessions leave no keys behind). */
    int indexedKeys(int role) {
        long stamp = lock.readLock();
        try {
            return roles[role].keyCount();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    private TracedSession view(SessionEntry e) {
        NameTable.Route route = names.route(e.route);
        TracedSession.State state = switch (e.state) {
            case SessionEntry.OPEN -> TracedSession.State.OPEN;
            case SessionEntry.CLOSED -> TracedSession.State.CLOSED;
            default -> TracedSession.State.FAILED;
        };
        SessionEntry.Extra x = e.extra;
        return new TracedSession(source, e.id, state, codec.decode(e.client), codec.decode(e.frontend),
                codec.decode(e.backend), codec.decode(e.server),
                route == null ? null : route.frontend(), route == null ? null : route.backend(),
                route == null ? null : route.server(), x == null ? null : x.orig(), x == null ? null : x.uniqueId(),
                e.openMicros, e.closeMicros, e.bytesIn, e.bytesOut, e.durationUs, names.term(e.term));
    }
}
