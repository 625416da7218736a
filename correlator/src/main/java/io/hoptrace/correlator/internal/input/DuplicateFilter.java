package io.hoptrace.correlator.internal.input;

import io.hoptrace.correlator.Packet;

/**
 * Recognises the same packet seen at two capture points: the same tuple, sequence and acknowledgement numbers,
 * flags, payload length, IPv4 identification and TCP checksum, from a different capture, stamped within
 * {@code windowNanos} of the first sighting. A packet repeated within one capture is not a duplicate here: it is
 * a retransmission, which the flow tracker counts.
 *
 * <p>Memory is bounded and nothing is allocated per packet. Fingerprints (56-bit hashes of those fields, with the
 * capture index in the low byte) live in an open-addressing table, and in a FIFO ring in arrival order with
 * their times. Packets arrive in time order (merged), so expiring the ring's head while it is older than the
 * window keeps exactly the fingerprints of the window in the table: one array access decides. When the ring is
 * full (more than {@code capacity} packets within one window) the oldest are forgotten early, which can only let
 * a duplicate through, never drop a distinct packet.
 */
public final class DuplicateFilter {
    private static final long EMPTY = 0;
    private static final long CAPTURE_BITS = 0xff;

    private final long windowNanos;
    private final int maxRing;
    private long[] table;
    private int tableMask;
    private long[] ringKeys;
    private long[] ringStamps;
    private int ringHead;
    private int ringSize;

    public DuplicateFilter(long windowNanos, int capacity) {
        if (Integer.bitCount(capacity) != 1 || capacity < 16) {
            throw new IllegalArgumentException("capacity: expected a power of two of at least 16, got " + capacity);
        }
        this.windowNanos = windowNanos;
        this.maxRing = capacity;
        allocate(Math.min(capacity, 1 << 12));
    }

    /** True when {@code p} was already seen at another capture point within the window. */
    public boolean isDuplicate(Packet p) {
        long ts = p.timestampNanos();
        expire(ts - windowNanos);
        long hash = fingerprint(p);
        long capture = p.captureIndex() & CAPTURE_BITS;
        int i = find(hash);
        long found = table[i];
        if (found != EMPTY) {
            return (found & CAPTURE_BITS) != capture;
        }
        if (ringSize == ringKeys.length) {
            if (ringKeys.length < maxRing) {
                allocate(ringKeys.length * 2);
            } else {
                evictOldest();
            }
            i = find(hash);
        }
        long key = hash | capture;
        table[i] = key;
        int at = (ringHead + ringSize) & (ringKeys.length - 1);
        ringKeys[at] = key;
        ringStamps[at] = ts;
        ringSize++;
        return false;
    }

    /** Fingerprints currently remembered (for tests of the bound). */
    public int remembered() {
        return ringSize;
    }

    private void expire(long before) {
        while (ringSize > 0 && ringStamps[ringHead] < before) {
            evictOldest();
        }
    }

    private void evictOldest() {
        long key = ringKeys[ringHead];
        ringHead = (ringHead + 1) & (ringKeys.length - 1);
        ringSize--;
        int i = find(key & ~CAPTURE_BITS);
        if (table[i] == key) {
            delete(i);
        }
    }

    /** The slot holding {@code hash} (whatever its capture byte), or the empty slot where it would go. */
    private int find(long hash) {
        int i = home(hash);
        long k;
        while ((k = table[i]) != EMPTY && (k & ~CAPTURE_BITS) != hash) {
            i = (i + 1) & tableMask;
        }
        return i;
    }

    private int home(long hashOrKey) {
        return (int) (hashOrKey >>> 40) & tableMask;
    }

    /** Backward-shift deletion for linear probing (Knuth, TAOCP vol. 3, 6.4 algorithm R): no tombstones. */
    private void delete(int hole) {
        int i = hole;
        while (true) {
            i = (i + 1) & tableMask;
            long k = table[i];
            if (k == EMPTY) {
                break;
            }
            int home = home(k);
            // Move entry i into the hole when its home is not cyclically within (hole, i].
            boolean stays = hole <= i ? (hole < home && home <= i) : (hole < home || home <= i);
            if (!stays) {
                table[hole] = k;
                hole = i;
            }
        }
        table[hole] = EMPTY;
    }

    /** Grows the ring to {@code ring} entries and the table to twice that, keeping what is remembered. */
    private void allocate(int ring) {
        long[] oldRingKeys = ringKeys;
        long[] oldRingStamps = ringStamps;
        long[] oldTable = table;
        int oldHead = ringHead;
        int oldSize = ringSize;
        ringKeys = new long[ring];
        ringStamps = new long[ring];
        table = new long[ring * 2];
        tableMask = ring * 2 - 1;
        ringHead = 0;
        ringSize = 0;
        if (oldRingKeys == null) {
            return;
        }
        for (long k : oldTable) {
            if (k != EMPTY) {
                table[find(k & ~CAPTURE_BITS)] = k;
            }
        }
        for (int n = 0; n < oldSize; n++) {
            int from = (oldHead + n) & (oldRingKeys.length - 1);
            ringKeys[n] = oldRingKeys[from];
            ringStamps[n] = oldRingStamps[from];
        }
        ringSize = oldSize;
    }

    /** A 56-bit hash of the fields that identify one packet, in the high bits; never 0. */
    static long fingerprint(Packet p) {
        long h = mix(p.srcAddrHi(), p.srcAddrLo());
        h = mix(h, p.dstAddrHi());
        h = mix(h, p.dstAddrLo());
        h = mix(h, ((long) p.srcPort() << 16) | p.dstPort());
        h = mix(h, (p.seq() << 32) | p.ack());
        h = mix(h, ((long) p.tcpFlags() << 32) | p.payloadLength());
        h = mix(h, ((long) p.ipId() << 32) | (p.tcpChecksum() & 0xffffL));
        h ^= h >>> 29;
        h &= ~CAPTURE_BITS;
        return h == EMPTY ? 1L << 8 : h;
    }

    private static long mix(long h, long v) {
        h ^= v * 0x9E37_79B9_7F4A_7C15L;
        h = Long.rotateLeft(h, 27) * 0xC2B2_AE3D_27D4_EB4FL;
        return h;
    }
}
