package io.hoptrace.tracer.internal.table;

/**
 * The closed sessions of a {@link SessionShard} in the order they closed, oldest first, for expiry: a ring of
 * references that grows and shrinks by halves. An array rather than a list through the entries, so that walking
 * it does not chase pointers: the next entries' addresses are known while the current one is being removed, and
 * their cache misses overlap instead of queueing one after the other.
 *
 * <p>Not thread-safe: used under the shard's write lock.
 */
final class ExpiryQueue {
    private static final int MIN_CAPACITY = 64;
    private SessionEntry[] ring = new SessionEntry[MIN_CAPACITY];
    private int head;
    private int size;

    void add(SessionEntry e) {
        if (size == ring.length) {
            resize(ring.length * 2);
        }
        ring[(head + size) & (ring.length - 1)] = e;
        size++;
    }

    /** The oldest entry, or null when empty. */
    SessionEntry peek() {
        return size == 0 ? null : ring[head];
    }

    /** Drops the oldest entry. */
    void poll() {
        ring[head] = null;
        head = (head + 1) & (ring.length - 1);
        size--;
        if (size < ring.length / 4 && ring.length > MIN_CAPACITY) {
            resize(ring.length / 2);
        }
    }

    int size() {
        return size;
    }

    private void resize(int capacity) {
        SessionEntry[] n = new SessionEntry[capacity];
        for (int i = 0; i < size; i++) {
            n[i] = ring[(head + i) & (ring.length - 1)];
        }
        ring = n;
        head = 0;
    }
}
