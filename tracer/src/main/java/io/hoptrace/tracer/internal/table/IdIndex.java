package io.hoptrace.tracer.internal.table;

import java.util.function.Consumer;

/**
 * Session id to entry, chained through {@link SessionEntry#nextById}: one reference per bucket plus one per
 * entry (about 9 bytes per session at the 0.75 load factor), instead of a boxed {@code HashMap} node (about 50).
 */
final class IdIndex {
    private SessionEntry[] buckets = new SessionEntry[64];
    private int size;

    SessionEntry get(long id) {
        SessionEntry e = buckets[bucket(id, buckets.length)];
        while (e != null && e.id != id) {
            e = e.nextById;
        }
        return e;
    }

    /** Adds an entry whose id is not present. */
    void add(SessionEntry e) {
        if (++size > buckets.length / 2) {
            grow();
        }
        int b = bucket(e.id, buckets.length);
        e.nextById = buckets[b];
        buckets[b] = e;
    }

    void remove(SessionEntry e) {
        int b = bucket(e.id, buckets.length);
        SessionEntry p = null;
        SessionEntry c = buckets[b];
        while (c != null && c != e) {
            p = c;
            c = c.nextById;
        }
        if (c == null) {
            return;
        }
        if (p == null) {
            buckets[b] = c.nextById;
        } else {
            p.nextById = c.nextById;
        }
        c.nextById = null;
        size--;
    }

    int size() {
        return size;
    }

    void forEach(Consumer<SessionEntry> action) {
        for (SessionEntry head : buckets) {
            for (SessionEntry e = head; e != null; e = e.nextById) {
                action.accept(e);
            }
        }
    }

    private void grow() {
        SessionEntry[] old = buckets;
        SessionEntry[] n = new SessionEntry[old.length * 2];
        for (SessionEntry head : old) {
            SessionEntry e = head;
            while (e != null) {
                SessionEntry next = e.nextById;
                int b = bucket(e.id, n.length);
                e.nextById = n[b];
                n[b] = e;
                e = next;
            }
        }
        buckets = n;
    }

    /**
     * Proxies number sessions sequentially (HAProxy's {@code uniq_id}, the hoptrace proxy's ids), and open and
     * close events arrive roughly in id order: keeping consecutive ids in consecutive buckets turns the lookups of
     * a stream into near-sequential memory accesses instead of one cache miss each. Chaining absorbs any
     * clustering a stranger id pattern would cause.
     */
    private static int bucket(long id, int length) {
        return (int) (id ^ (id >>> 32)) & (length - 1);
    }
}
