package io.hoptrace.events;

import io.hoptrace.events.internal.IpAddresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * One end of a TCP connection: an IP address and a port, or {@link #UNKNOWN} for a socket that has no IP
 * address (a Unix socket), which HAProxy and the original {@code show events} patch print as {@code unknown}.
 *
 * <p>Text form: {@code a.b.c.d:port}, {@code [v6addr]:port} (RFC 5952 text), or {@code unknown}. The parser
 * splits host from port at the last colon, so the bracket-less IPv6 form of the original patch
 * ({@code ::1:8080}) is read too. IPv4-mapped IPv6 addresses are folded to IPv4, as the JDK does for sockets and
 * as they appear on the wire.
 */
public record Endpoint(InetAddress address, int port) implements Comparable<Endpoint> {
    public static final Endpoint UNKNOWN = new Endpoint(null, 0);

    public Endpoint {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: expected 0..65535, got " + port);
        }
        if (address == null && port != 0) {
            throw new IllegalArgumentException("port: an unknown endpoint has no port, got " + port);
        }
    }

    public static Endpoint of(InetAddress address, int port) {
        return new Endpoint(address, port);
    }

    /** An endpoint from a socket address; anything but an {@link InetSocketAddress} (a Unix socket) is UNKNOWN. */
    public static Endpoint of(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return new Endpoint(inet.getAddress(), inet.getPort());
        }
        return UNKNOWN;
    }

    /** Parses the text form; throws {@link IllegalArgumentException} naming the value and what was expected. */
    public static Endpoint parse(CharSequence text) {
        Endpoint e = tryParse(text, 0, text.length());
        if (e == null) {
            throw new IllegalArgumentException("address: expected a.b.c.d:port, [v6]:port or unknown, got '"
                    + text + "'");
        }
        return e;
    }

    /** Parses {@code text[from, to)}; returns null when it is not an endpoint (no exception on the fast path). */
    public static Endpoint tryParse(CharSequence text, int from, int to) {
        if (isUnknownText(text, from, to)) {
            return UNKNOWN;
        }
        int[] parts = new int[3];
        if (!split(text, from, to, parts)) {
            return null;
        }
        InetAddress address = IpAddresses.parse(text, parts[0], parts[1]);
        return address == null ? null : new Endpoint(address, parts[2]);
    }

    /** True when {@code text[from, to)} is {@code unknown}, the text of an endpoint without address. */
    static boolean isUnknownText(CharSequence text, int from, int to) {
        if (to - from != 7) {
            return false;
        }
        for (int i = 0; i < 7; i++) {
            if (text.charAt(from + i) != "unknown".charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Splits {@code text[from, to)} at the last colon into host and port: stores the host's bounds (inside its
     * brackets, if any) in {@code parts[0]} and {@code parts[1]} and the port in {@code parts[2]}, and returns
     * true; false when there is no port of 1 to 5 digits up to 65535 or the brackets do not pair. The host itself
     * is the caller's to check.
     */
    static boolean split(CharSequence text, int from, int to, int[] parts) {
        int colon = -1;
        for (int i = to - 1; i >= from; i--) {
            if (text.charAt(i) == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= from || colon == to - 1 || to - colon - 1 > 5) {
            return false;
        }
        int port = 0;
        for (int i = colon + 1; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            port = port * 10 + (c - '0');
        }
        if (port > 65535) {
            return false;
        }
        int hostFrom = from;
        int hostTo = colon;
        if (text.charAt(hostFrom) == '[') {
            if (text.charAt(hostTo - 1) != ']') {
                return false;
            }
            hostFrom++;
            hostTo--;
        }
        parts[0] = hostFrom;
        parts[1] = hostTo;
        parts[2] = port;
        return true;
    }

    /** An endpoint from address bytes (4, or 16 folded like {@link InetAddress#getByAddress(byte[])}) and a port. */
    static Endpoint of(byte[] address, int port) {
        try {
            return new Endpoint(InetAddress.getByAddress(address), port);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError("getByAddress rejected " + address.length + " bytes", e);
        }
    }

    public boolean isUnknown() {
        return address == null;
    }

    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    /** The socket address to bind or connect to; an unknown endpoint has none. */
    public InetSocketAddress toSocketAddress() {
        if (address == null) {
            throw new IllegalStateException("an unknown endpoint has no socket address");
        }
        return new InetSocketAddress(address, port);
    }

    /** The host part alone: dotted quad or RFC 5952 text without brackets ("unknown" when unknown). */
    public String host() {
        return address == null ? "unknown" : IpAddresses.append(new StringBuilder(40), address).toString();
    }

    public StringBuilder appendTo(StringBuilder sb) {
        if (address == null) {
            return sb.append("unknown");
        }
        if (address instanceof Inet6Address) {
            sb.append('[');
            IpAddresses.append(sb, address);
            sb.append(']');
        } else {
            IpAddresses.append(sb, address);
        }
        return sb.append(':').append(port);
    }

    @Override
    public String toString() {
        return appendTo(new StringBuilder(48)).toString();
    }

    /** Orders unknown first, then IPv4 before IPv6, then by address bytes, then port. */
    @Override
    public int compareTo(Endpoint o) {
        if (address == null || o.address == null) {
            return address == null ? (o.address == null ? 0 : -1) : 1;
        }
        byte[] a = address.getAddress();
        byte[] b = o.address.getAddress();
        if (a.length != b.length) {
            return Integer.compare(a.length, b.length);
        }
        int c = java.util.Arrays.compareUnsigned(a, b);
        return c != 0 ? c : Integer.compare(port, o.port);
    }
}
