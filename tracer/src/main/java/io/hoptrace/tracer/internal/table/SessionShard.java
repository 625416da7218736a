package io.hoptrace.tracer.internal.table;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.EventLineParser;
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
 * half-applied. The writer of a live stream holds the write lock across the lines of one socket read
 * ({@link #applyInBatch}).
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
    /**
     * The thread holding the write lock across a batch of lines ({@link #applyInBatch}), and its stamp. Written only
     * by that thread; another thread reading a stale value never finds itself there, so the check needs no fence.
     */
    private Thread batchOwner;
    private long batch;
    private final EndpointCodec codec = new EndpointCodec();
    private final NameTable names = new NameTable();
    private final IdIndex ids = new IdIndex();
    private final EndpointIndex[] roles = {
        new EndpointIndex(SessionEntry.CLIENT), new EndpointIndex(SessionEntry.FRONTEND),
        new EndpointIndex(SessionEntry.BACKEND), new EndpointIndex(SessionEntry.SERVER)};
    private final ExpiryQueue closed = new ExpiryQueue();
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
        long stamp = writeLock();
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

    /**
     * Applies the line {@code scanned} last read, exactly as {@link #apply} would apply its event in a record
     * stamped {@code receivedMicros} (or the line's own {@code ts=}), without building the event. Opens, closes and
     * failures change the table; other shapes do not. Returns true when the table changed.
     */
    public boolean apply(EventLineParser scanned, long receivedMicros) {
        long stamp = writeLock();
        try {
            return applyLocked(scanned, receivedMicros);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * {@link #apply(EventLineParser, long)} in a batch: the write lock is taken by the first line and held until
     * {@link #endBatch}, so that a follower applies all the lines of one socket read under one acquisition instead
     * of one per line (each acquisition and each release is a full memory fence, which waits for the stores of the
     * line before it). Readers wait for the end of the batch, i.e. of the read. For the writer's thread only; any
     * other call it makes on this shard ends its batch first, so it cannot deadlock on its own lock.
     */
    public boolean applyInBatch(EventLineParser scanned, long receivedMicros) {
        if (batchOwner != Thread.currentThread()) {
            batch = writeLock();
            batchOwner = Thread.currentThread();
        }
        return applyLocked(scanned, receivedMicros);
    }

    /** Ends the calling thread's batch, if it has one: readers may proceed. */
    public void endBatch() {
        if (batchOwner == Thread.currentThread()) {
            long b = batch;
            batchOwner = null;
            batch = 0;
            lock.unlockWrite(b);
        }
    }

    private long writeLock() {
        endBatch();
        return lock.writeLock();
    }

    private long readLock() {
        endBatch();
        return lock.readLock();
    }

    private boolean applyLocked(EventLineParser scanned, long receivedMicros) {
        long ts = scanned.tsMicros() != SessionEvent.NONE ? scanned.tsMicros() : receivedMicros;
        EventLineParser.Kind kind = scanned.kind();
        if (kind == EventLineParser.Kind.OPEN) {
            return open(scanned, ts);
        } else if (kind == EventLineParser.Kind.CLOSE) {
            return close(scanned.id(), ts, scanned.bytesIn(), scanned.bytesOut(), scanned.durationUs(),
                    scanned.term());
        } else if (kind == EventLineParser.Kind.FAILED) {
            return failed(scanned, ts);
        }
        return false;
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
        SessionEntry n = newEntry(o.id(), SessionEntry.OPEN, ts, SessionEvent.NONE);
        n.client = codec.acquire(o.client());
        n.frontend = codec.acquire(o.frontend());
        n.backend = codec.acquire(o.backend());
        n.server = codec.acquire(o.server());
        n.route = names.route(o.frontendName(), o.backendName(), o.serverName());
        if (o.orig() != null || o.uniqueId() != null) {
            n.extra = new SessionEntry.Extra(o.orig(), o.uniqueId());
        }
        insert(n);
        openCount++;
        return true;
    }

    /** {@link #open(SessionEvent.Open, long)} from a scanned line. */
    private boolean open(EventLineParser p, long ts) {
        SessionEntry old = ids.get(p.id());
        if (old != null) {
            if (old.state == SessionEntry.OPEN && old.sameAddresses(codec.find(p, EventLineParser.CLIENT),
                    codec.find(p, EventLineParser.FRONTEND), codec.find(p, EventLineParser.BACKEND),
                    codec.find(p, EventLineParser.SERVER))) {
                return false;
            }
            remove(old);
        }
        SessionEntry n = newEntry(p.id(), SessionEntry.OPEN, ts, SessionEvent.NONE);
        n.client = codec.acquire(p, EventLineParser.CLIENT);
        n.frontend = codec.acquire(p, EventLineParser.FRONTEND);
        n.backend = codec.acquire(p, EventLineParser.BACKEND);
        n.server = codec.acquire(p, EventLineParser.SERVER);
        n.route = names.route(p.frontendName(), p.backendName(), p.serverName());
        if (p.orig() != null || p.uniqueId() != null) {
            n.extra = new SessionEntry.Extra(p.orig(), p.uniqueId());
        }
        insert(n);
        openCount++;
        return true;
    }

    private SessionEntry newEntry(long id, byte state, long openMicros, long closeMicros) {
        SessionEntry n = new SessionEntry(id);
        n.openMicros = openMicros;
        n.closeMicros = closeMicros;
        n.bytesIn = SessionEvent.NONE;
        n.bytesOut = SessionEvent.NONE;
        n.durationUs = SessionEvent.NONE;
        n.epoch = epoch;
        n.state = state;
        return n;
    }

    private boolean close(SessionEvent.Close c, long ts) {
        return close(c.id(), ts, c.bytesIn(), c.bytesOut(), c.durationUs(), c.term());
    }

    private boolean close(long id, long ts, long bytesIn, long bytesOut, long durationUs, String term) {
        SessionEntry e = ids.get(id);
        if (e == null || e.state != SessionEntry.OPEN) {
            return false;
        }
        e.state = SessionEntry.CLOSED;
        e.closeMicros = ts;
        e.bytesIn = bytesIn;
        e.bytesOut = bytesOut;
        e.durationUs = durationUs;
        e.term = names.term(term);
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
        SessionEntry n = newEntry(f.id(), SessionEntry.FAILED, SessionEvent.NONE, ts);
        n.client = codec.acquire(f.client());
        n.frontend = codec.acquire(f.frontend());
        n.route = names.route(f.frontendName(), f.backendName(), null);
        n.term = names.term(f.term());
        insertFailed(n);
        return true;
    }

    /** {@link #failed(SessionEvent.Failed, long)} from a scanned line. */
    private boolean failed(EventLineParser p, long ts) {
        SessionEntry old = ids.get(p.id());
        if (old != null) {
            remove(old);
        }
        SessionEntry n = newEntry(p.id(), SessionEntry.FAILED, SessionEvent.NONE, ts);
        n.client = codec.acquire(p, EventLineParser.CLIENT);
        n.frontend = codec.acquire(p, EventLineParser.FRONTEND);
        n.route = names.route(p.frontendName(), p.backendName(), null);
        n.term = names.term(p.term());
        insertFailed(n);
        return true;
    }

    private void insertFailed(SessionEntry n) {
        insert(n);
        closedCount++;
        enqueueClosed(n);
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
        closed.add(e);
    }

    /**
     * Drops the closed sessions that ended at least {@code lingerMicros} before {@code nowMicros} (and those with
     * no known close time). Returns how many were dropped.
     */
    public int expire(long nowMicros, long lingerMicros) {
        long stamp = writeLock();
        try {
            int n = 0;
            SessionEntry e;
            while ((e = closed.peek()) != null) {
                if (e.state != SessionEntry.REMOVED) {
                    if (e.closeMicros != SessionEvent.NONE && e.closeMicros > nowMicros - lingerMicros) {
                        break;
                    }
                    remove(e);
                    n++;
                }
                closed.poll();
            }
            return n;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Starts a snapshot comparison: sessions {@link #reconcile}d or opened from now on are marked as seen. */
    public void beginSweep() {
        long stamp = writeLock();
        try {
            epoch++;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Compares a snapshot's session with the table (marking it seen when it is the same). */
    public Reconcile reconcile(SessionEvent.Open o) {
        long stamp = writeLock();
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
        long stamp = readLock();
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
        long stamp = readLock();
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
        long stamp = readLock();
        try {
            SessionEntry e = ids.get(id);
            return e == null ? null : view(e);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** True when the session is open here (cheaper than {@link #get}). */
    public boolean isOpen(long id) {
        long stamp = readLock();
        try {
            SessionEntry e = ids.get(id);
            return e != null && e.state == SessionEntry.OPEN;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** True when the id is in the table, open or lingering after its close. */
    public boolean isKnown(long id) {
        long stamp = readLock();
        try {
            return ids.get(id) != null;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Adds the sessions using {@code endpoint} in role {@code role} (0..3: client, frontend, backend, server). */
    public void byEndpoint(Endpoint endpoint, int role, List<TracedSession> out) {
        long stamp = readLock();
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
        long stamp = readLock();
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
        long stamp = readLock();
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
        long stamp = readLock();
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
        long stamp = readLock();
        try {
            return openCount;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    public int closedCount() {
        long stamp = readLock();
        try {
            return closedCount;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Distinct IPv6 addresses interned (tests check that they are released). */
    int internedV6() {
        long stamp = readLock();
        try {
            return codec.internedV6();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Distinct endpoints indexed in a role (tests check that expired sessions leave no keys behind). */
    int indexedKeys(int role) {
        long stamp = readLock();
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
