package io.hoptrace.correlator.internal.flow;

import io.hoptrace.events.Endpoint;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The two-long form of addresses that {@link io.hoptrace.correlator.Packet} uses: 128 bits, IPv4 as IPv4-mapped
 * IPv6 ({@code ::ffff:a.b.c.d}, RFC 4291 section 2.5.5.2), converted to and from {@link InetAddress}.
 */
public final class FlowAddresses {
    private static final long V4_MAPPED_PREFIX = 0x0000_ffff_0000_0000L;

    private FlowAddresses() {
    }

    public static long hi(InetAddress a) {
        return hi(a.getAddress());
    }

    public static long lo(InetAddress a) {
        return lo(a.getAddress());
    }

    /** The high long of an address given as its 4 or 16 bytes ({@link InetAddress#getAddress()}). */
    public static long hi(byte[] b) {
        return b.length == 4 ? 0 : bytesToLong(b, 0);
    }

    /** The low long of an address given as its 4 or 16 bytes. */
    public static long lo(byte[] b) {
        if (b.length == 4) {
            return V4_MAPPED_PREFIX | (bytesToLong(b, 0, 4) & 0xffff_ffffL);
        }
        return bytesToLong(b, 8);
    }

    public static boolean isV4(long hi, long lo) {
        return hi == 0 && (lo & 0xffff_ffff_0000_0000L) == V4_MAPPED_PREFIX;
    }

    /** The address of a two-long value: an Inet4Address for IPv4-mapped values, else an Inet6Address. */
    public static InetAddress toInetAddress(long hi, long lo) {
        byte[] b;
        if (isV4(hi, lo)) {
            b = new byte[4];
            longToBytes(lo, b, 0, 4);
        } else {
            b = new byte[16];
            longToBytes(hi, b, 0, 8);
            longToBytes(lo, b, 8, 8);
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError("getByAddress rejected a 4 or 16 byte address", e);
        }
    }

    public static Endpoint endpoint(long hi, long lo, int port) {
        return new Endpoint(toInetAddress(hi, lo), port);
    }

    private static long bytesToLong(byte[] b, int from) {
        return bytesToLong(b, from, 8);
    }

    private static long bytesToLong(byte[] b, int from, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (b[from + i] & 0xff);
        }
        return v;
    }

    private static void longToBytes(long v, byte[] b, int from, int n) {
        for (int i = n - 1; i >= 0; i--) {
            b[from + i] = (byte) v;
            v >>>= 8;
        }
    }
}
