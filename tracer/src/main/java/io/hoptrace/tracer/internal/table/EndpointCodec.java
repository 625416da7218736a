package io.hoptrace.tracer.internal.table;

import io.hoptrace.events.Endpoint;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Packs an {@link Endpoint} into one {@code long}, so that a table entry keeps four primitive keys instead of four
 * Endpoint and InetAddress objects (about 100 bytes each):
 *
 * <pre>
 *   bits 63..50  0
 *   bits 49..48  kind: 1 = IPv4, 2 = IPv6 (interned)
 *   bits 47..16  the IPv4 address, or the IPv6 address's intern id
 *   bits 15..0   the port
 * </pre>
 * {@link #UNKNOWN} (0) stands for an endpoint without address (a Unix socket); it is never indexed.
 *
 * <p>IPv6 addresses are interned with reference counts, so that the intern table shrinks again when the sessions
 * using an address are gone. Not thread-safe: each {@link SessionShard} owns one and uses it under its lock.
 */
final class EndpointCodec {
    static final long UNKNOWN = 0L;
    private static final long KIND_V4 = 1L << 48;
    private static final long KIND_V6 = 2L << 48;
    private static final long KIND_MASK = 3L << 48;

    private final Map<V6, Integer> ids = new HashMap<>();
    private Inet6Address[] addresses = new Inet6Address[16];
    private V6[] keys = new V6[16];
    private int[] refs = new int[16];
    private int[] free = new int[16];
    private int freeCount;
    private int next;

    /** The address bytes of an IPv6 address as two longs: a small key without a byte array. */
    private record V6(long hi, long lo) {
        static V6 of(byte[] a) {
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 8; i++) {
                hi = hi << 8 | (a[i] & 0xff);
                lo = lo << 8 | (a[i + 8] & 0xff);
            }
            return new V6(hi, lo);
        }
    }

    /** Packs an endpoint, interning (and counting a reference to) an IPv6 address. */
    long acquire(Endpoint e) {
        InetAddress a = e.address();
        if (a == null) {
            return UNKNOWN;
        }
        if (a instanceof Inet4Address) {
            return v4(a, e.port());
        }
        V6 key = V6.of(a.getAddress());
        Integer id = ids.get(key);
        int i;
        if (id == null) {
            i = freeCount > 0 ? free[--freeCount] : next++;
            if (i == addresses.length) {
                int n = i * 2;
                addresses = Arrays.copyOf(addresses, n);
                keys = Arrays.copyOf(keys, n);
                refs = Arrays.copyOf(refs, n);
            }
            addresses[i] = (Inet6Address) a;
            keys[i] = key;
            ids.put(key, i);
        } else {
            i = id;
        }
        refs[i]++;
        return KIND_V6 | (long) i << 16 | e.port();
    }

    /** Drops a reference taken by {@link #acquire}. */
    void release(long key) {
        if ((key & KIND_MASK) != KIND_V6) {
            return;
        }
        int i = (int) (key >>> 16);
        if (--refs[i] == 0) {
            ids.remove(keys[i]);
            addresses[i] = null;
            keys[i] = null;
            if (freeCount == free.length) {
                free = Arrays.copyOf(free, freeCount * 2);
            }
            free[freeCount++] = i;
        }
    }

    /**
     * The key of an endpoint for a lookup, without interning: {@link #UNKNOWN} when the endpoint is unknown, and
     * -1 when it is an IPv6 address no entry uses (so nothing can match).
     */
    long find(Endpoint e) {
        InetAddress a = e.address();
        if (a == null) {
            return UNKNOWN;
        }
        if (a instanceof Inet4Address) {
            return v4(a, e.port());
        }
        Integer id = ids.get(V6.of(a.getAddress()));
        return id == null ? -1 : KIND_V6 | (long) id << 16 | e.port();
    }

    /** The endpoint a key stands for. */
    Endpoint decode(long key) {
        if (key == UNKNOWN) {
            return Endpoint.UNKNOWN;
        }
        int port = (int) (key & 0xffff);
        int value = (int) (key >>> 16);
        if ((key & KIND_MASK) == KIND_V4) {
            byte[] b = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
            try {
                return Endpoint.of(InetAddress.getByAddress(b), port);
            } catch (UnknownHostException e) {
                throw new AssertionError("getByAddress rejected 4 bytes", e);
            }
        }
        return Endpoint.of(addresses[value], port);
    }

    /** How many distinct IPv6 addresses are interned (for tests and memory accounting). */
    int internedV6() {
        return ids.size();
    }

    /**
     * An IPv4 address's hash code is the address itself in network order (OpenJDK's Inet4Address.hashCode returns
     * its 32-bit address, unchanged since JDK 1.0), which saves the byte array {@code getAddress()} copies; the
     * round-trip test of this class would catch a JDK that ever did otherwise.
     */
    private static long v4(InetAddress a, int port) {
        return KIND_V4 | (a.hashCode() & 0xffffffffL) << 16 | port;
    }
}
