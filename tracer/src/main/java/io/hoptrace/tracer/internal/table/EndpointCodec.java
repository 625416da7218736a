package io.hoptrace.tracer.internal.table;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.EventLineParser;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

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

    private final Ipv6Index ids = new Ipv6Index();
    private Inet6Address[] addresses = new Inet6Address[16];
    private int[] refs = new int[16];
    private int[] free = new int[16];
    private int freeCount;
    private int next;

    /** Packs an endpoint, interning (and counting a reference to) an IPv6 address. */
    long acquire(Endpoint e) {
        InetAddress a = e.address();
        if (a == null) {
            return UNKNOWN;
        }
        if (a instanceof Inet4Address) {
            return v4(a, e.port());
        }
        byte[] b = a.getAddress();
        return acquireV6(high(b), low(b), (Inet6Address) a, e.port());
    }

    /** Packs endpoint field {@code field} of the line {@code scanned} last read, like {@link #acquire(Endpoint)}. */
    long acquire(EventLineParser scanned, int field) {
        int length = scanned.addressLength(field);
        if (length == 0) {
            return UNKNOWN;
        }
        if (length == 4) {
            return v4(scanned.ipv4(field), scanned.port(field));
        }
        return acquireV6(scanned.ipv6High(field), scanned.ipv6Low(field), null, scanned.port(field));
    }

    /** {@code address} may be null (a scanned line has none): {@link #decode} then builds one from the bytes. */
    private long acquireV6(long hi, long lo, Inet6Address address, int port) {
        int i = ids.get(hi, lo);
        if (i < 0) {
            i = freeCount > 0 ? free[--freeCount] : next++;
            if (i == refs.length) {
                int n = i + (i >> 1); // by half: doubling can leave as much unused as is used
                addresses = Arrays.copyOf(addresses, n);
                refs = Arrays.copyOf(refs, n);
            }
            addresses[i] = address;
            ids.put(i, hi, lo);
        } else if (addresses[i] == null) {
            addresses[i] = address;
        }
        refs[i]++;
        return KIND_V6 | (long) i << 16 | port;
    }

    /** Drops a reference taken by {@link #acquire}. */
    void release(long key) {
        if ((key & KIND_MASK) != KIND_V6) {
            return;
        }
        int i = (int) (key >>> 16);
        if (--refs[i] == 0) {
            ids.remove(i);
            addresses[i] = null;
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
        byte[] b = a.getAddress();
        return findV6(high(b), low(b), e.port());
    }

    /** The key of endpoint field {@code field} of the line {@code scanned} last read, like {@link #find(Endpoint)}. */
    long find(EventLineParser scanned, int field) {
        int length = scanned.addressLength(field);
        if (length == 0) {
            return UNKNOWN;
        }
        if (length == 4) {
            return v4(scanned.ipv4(field), scanned.port(field));
        }
        return findV6(scanned.ipv6High(field), scanned.ipv6Low(field), scanned.port(field));
    }

    private long findV6(long hi, long lo, int port) {
        int id = ids.get(hi, lo);
        return id < 0 ? -1 : KIND_V6 | (long) id << 16 | port;
    }

    private static long high(byte[] a) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (a[i] & 0xff);
        }
        return v;
    }

    private static long low(byte[] a) {
        long v = 0;
        for (int i = 8; i < 16; i++) {
            v = v << 8 | (a[i] & 0xff);
        }
        return v;
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
        // Readers decode under the shard's read lock, so no caching here: a scanned address is rebuilt each time.
        Inet6Address a = addresses[value];
        return Endpoint.of(a != null ? a : inet6(ids.high(value), ids.low(value)), port);
    }

    private static Inet6Address inet6(long hi, long lo) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[i + 8] = (byte) (lo >>> (56 - 8 * i));
        }
        try {
            // Not an IPv4-mapped address (the parser folds those to IPv4), so getByAddress returns IPv6.
            return (Inet6Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError("getByAddress rejected 16 bytes", e);
        }
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
        return v4(a.hashCode(), port);
    }

    private static long v4(int address, int port) {
        return KIND_V4 | (address & 0xffffffffL) << 16 | port;
    }
}
