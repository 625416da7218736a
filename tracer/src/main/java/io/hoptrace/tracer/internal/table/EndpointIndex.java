package io.hoptrace.tracer.internal.table;

/**
 * The sessions that use an endpoint in one role (client, frontend, backend or server): an open-addressing hash
 * table from packed endpoint key to the head of an intrusive doubly linked list through the entries (their
 * per-role links). Adding and removing an entry is O(1) whatever the list length, which matters for the
 * frontend and server roles where one listener or one server is shared by every session.
 *
 * <p>Linear probing with backward-shift deletion (Knuth, TAOCP vol. 3, 6.4, algorithm R), so there are no
 * tombstones; key 0 ({@link EndpointCodec#UNKNOWN}) marks a free slot and is never stored. The table is kept at
 * most three quarters full: a miss then probes about 8.5 slots on average against 2.5 at half (Knuth's estimate),
 * but those are adjacent longs, mostly in one cache line, and the cost is the line's miss either way; measured
 * (bench, TracerApplyBenchmark) no slower than at half, and with a million sessions the client and backend
 * indexes take 24 instead of up to 48 bytes a session each.
 */
final class EndpointIndex {
    private final int role;
    private long[] keys;
    private SessionEntry[] heads;
    private int size;
    private int mask;
    /** The slot {@link #slot} found last (always within the arrays: they only grow). */
    private int last;

    EndpointIndex(int role) {
        this.role = role;
        keys = new long[16];
        heads = new SessionEntry[16];
        mask = 15;
    }

    /** Links {@code e} at the front of the list of {@code key} (the entry's key for this role). */
    void add(long key, SessionEntry e) {
        if (key == EndpointCodec.UNKNOWN) {
            return;
        }
        int i = slot(key);
        SessionEntry head = heads[i];
        if (keys[i] == key) {
            e.next(role, head);
            head.prev(role, e);
        } else {
            keys[i] = key;
            e.next(role, null);
            if (++size > (mask + 1) / 4 * 3) {
                heads[i] = e;
                e.prev(role, null);
                grow();
                return;
            }
        }
        e.prev(role, null);
        heads[i] = e;
    }

    /** Unlinks {@code e} from the list of {@code key}; drops the key when its list becomes empty. */
    void remove(long key, SessionEntry e) {
        if (key == EndpointCodec.UNKNOWN) {
            return;
        }
        SessionEntry p = e.prev(role);
        SessionEntry n = e.next(role);
        e.prev(role, null);
        e.next(role, null);
        if (p != null) {
            p.next(role, n);
            if (n != null) {
                n.prev(role, p);
            }
            return;
        }
        int i = slot(key);
        if (keys[i] != key || heads[i] != e) {
            throw new IllegalStateException("endpoint index out of step for role " + role);
        }
        if (n != null) {
            n.prev(role, null);
            heads[i] = n;
            return;
        }
        delete(i);
    }

    /** The first entry using {@code key}, or null; follow {@code next(role)} for the others. */
    SessionEntry head(long key) {
        if (key == EndpointCodec.UNKNOWN || key == -1) {
            return null;
        }
        int i = slot(key);
        return keys[i] == key ? heads[i] : null;
    }

    int keyCount() {
        return size;
    }

    /**
     * The slot holding {@code key}, or the free slot where it would go. The last slot found is tried first: in the
     * frontend and server roles most sessions share a few keys, and a repeated key then costs one comparison
     * instead of a hash and a probe (a key sits in exactly one slot, so finding it there is proof enough).
     */
    private int slot(long key) {
        int i = last;
        if (keys[i] == key) {
            return i;
        }
        i = hash(key) & mask;
        while (keys[i] != 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        last = i;
        return i;
    }

    private void delete(int i) {
        size--;
        int gap = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            long k = keys[j];
            if (k == 0) {
                break;
            }
            int home = hash(k) & mask;
            // Move k back into the gap unless its home lies cyclically in (gap, j].
            boolean stays = gap <= j ? (gap < home && home <= j) : (gap < home || home <= j);
            if (!stays) {
                keys[gap] = k;
                heads[gap] = heads[j];
                gap = j;
            }
        }
        keys[gap] = 0;
        heads[gap] = null;
    }

    private void grow() {
        long[] oldKeys = keys;
        SessionEntry[] oldHeads = heads;
        int n = oldKeys.length * 2;
        keys = new long[n];
        heads = new SessionEntry[n];
        mask = n - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int s = slot(oldKeys[i]);
                keys[s] = oldKeys[i];
                heads[s] = oldHeads[i];
            }
        }
    }

    /** The 64-bit finaliser of MurmurHash3: spreads ports and addresses over all slot bits. */
    static int hash(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return (int) k;
    }

    @Override
    public String toString() {
        return "EndpointIndex[role=" + role + ", keys=" + size + ", capacity=" + keys.length + "]";
    }
}
