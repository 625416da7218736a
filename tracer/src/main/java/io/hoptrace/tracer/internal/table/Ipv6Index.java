package io.hoptrace.tracer.internal.table;

import java.util.Arrays;

/**
 * The interned IPv6 addresses of an {@link EndpointCodec}: each address (two longs, by its intern id) and the
 * index from address to id, all in primitive arrays, so that a lookup hashes two longs and allocates nothing (a
 * {@code HashMap} key object per lookup, and its record hashCode, cost more than the rest of an open).
 *
 * <p>The hash table holds only ids (plus one, so that 0 marks a free slot), and compares through the address
 * arrays: 4 bytes a slot instead of 20, which matters when a million clients each have their own address. Linear
 * probing with backward-shift deletion as in {@link EndpointIndex} (no tombstones), at most half full.
 */
final class Ipv6Index {
    private long[] highs = new long[16];
    private long[] lows = new long[16];
    private int[] slots = new int[16];
    private int mask = 15;
    private int size;

    /** The id of an address, or -1. */
    int get(long hi, long lo) {
        return slots[slot(hi, lo)] - 1;
    }

    /** Adds an address that is not present, under an id that is not in use. */
    void put(int id, long hi, long lo) {
        int i = slot(hi, lo);
        if (slots[i] != 0) {
            throw new IllegalStateException("IPv6 address interned twice");
        }
        if (id >= highs.length) {
            int n = Math.max(id + 1, highs.length + (highs.length >> 1)); // by half, as the codec's arrays
            highs = Arrays.copyOf(highs, n);
            lows = Arrays.copyOf(lows, n);
        }
        highs[id] = hi;
        lows[id] = lo;
        slots[i] = id + 1;
        if (++size > (mask + 1) / 2) {
            grow();
        }
    }

    /** The first 8 bytes of the address with this id, big-endian. */
    long high(int id) {
        return highs[id];
    }

    /** The last 8 bytes of the address with this id, big-endian. */
    long low(int id) {
        return lows[id];
    }

    /** Removes the address with this id (its id may then be reused). */
    void remove(int id) {
        int i = slot(highs[id], lows[id]);
        if (slots[i] != id + 1) {
            throw new IllegalStateException("IPv6 intern id " + id + " is not in the index");
        }
        size--;
        int gap = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            int s = slots[j];
            if (s == 0) {
                break;
            }
            int home = hash(highs[s - 1], lows[s - 1]) & mask;
            // Move j back into the gap unless its home lies cyclically in (gap, j].
            boolean stays = gap <= j ? (gap < home && home <= j) : (gap < home || home <= j);
            if (!stays) {
                slots[gap] = s;
                gap = j;
            }
        }
        slots[gap] = 0;
    }

    int size() {
        return size;
    }

    /** The slot holding the address, or the free slot where it would go. */
    private int slot(long hi, long lo) {
        int i = hash(hi, lo) & mask;
        int s;
        while ((s = slots[i]) != 0 && (highs[s - 1] != hi || lows[s - 1] != lo)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        int[] old = slots;
        slots = new int[old.length * 2];
        mask = slots.length - 1;
        for (int s : old) {
            if (s != 0) {
                slots[slot(highs[s - 1], lows[s - 1])] = s;
            }
        }
    }

    /** Both halves through {@link EndpointIndex#hash}: the interface id (low half) varies most, the prefix rarely. */
    private static int hash(long hi, long lo) {
        return EndpointIndex.hash(lo ^ Long.rotateLeft(hi, 17));
    }
}
