package io.hoptrace.events;

import io.hoptrace.events.internal.IpAddresses;

/**
 * The fields of the line an {@link EventLineParser} scanned last, with the four addresses kept as numbers (4 or 16
 * bytes and a port per field) so that a reader with its own compact form allocates nothing; {@link #event()} builds
 * the {@link SessionEvent} when one is wanted. Also the reading of one endpoint into those numbers, shared by the
 * parser's two paths so that they cannot disagree.
 */
final class ScannedLine {
    EventLineParser.Kind kind;
    long id;
    long ts;
    long bytesIn;
    long bytesOut;
    long durationUs;
    long count;
    String frontendName;
    String backendName;
    String serverName;
    String term;
    Endpoint orig;
    String uniqueId;
    final int[] addressLengths = new int[4];
    final int[] ports = new int[4];
    final int[] ipv4s = new int[4];
    final long[] ipv6Highs = new long[4];
    final long[] ipv6Lows = new long[4];
    private final byte[] addressScratch = new byte[16];
    private final int[] splitScratch = new int[3];

    /** Every optional attribute back to "not reported". */
    void clear() {
        ts = SessionEvent.NONE;
        bytesIn = SessionEvent.NONE;
        bytesOut = SessionEvent.NONE;
        durationUs = SessionEvent.NONE;
        frontendName = null;
        backendName = null;
        serverName = null;
        term = null;
        orig = null;
        uniqueId = null;
    }

    SessionEvent event() {
        if (kind == null) {
            throw new IllegalStateException("no event line scanned");
        }
        return switch (kind) {
            case OPEN -> new SessionEvent.Open(id, endpoint(EventLineParser.CLIENT), endpoint(EventLineParser.FRONTEND),
                    endpoint(EventLineParser.BACKEND), endpoint(EventLineParser.SERVER), ts, frontendName, backendName,
                    serverName, orig, uniqueId);
            case CLOSE -> new SessionEvent.Close(id, ts, bytesIn, bytesOut, durationUs, term);
            case FAILED -> new SessionEvent.Failed(id, endpoint(EventLineParser.CLIENT),
                    endpoint(EventLineParser.FRONTEND), ts, frontendName, backendName, term);
            case DROPPED -> new SessionEvent.Dropped(count);
            case SNAPSHOT -> new SessionEvent.Snapshot(count);
        };
    }

    Endpoint endpoint(int field) {
        int length = addressLengths[field];
        if (length == 0) {
            return Endpoint.UNKNOWN;
        }
        byte[] a = new byte[length];
        if (length == 4) {
            putInt(a, 0, ipv4s[field]);
        } else {
            putInt(a, 0, (int) (ipv6Highs[field] >>> 32));
            putInt(a, 4, (int) ipv6Highs[field]);
            putInt(a, 8, (int) (ipv6Lows[field] >>> 32));
            putInt(a, 12, (int) ipv6Lows[field]);
        }
        return Endpoint.of(a, ports[field]);
    }

    /**
     * Reads {@code line[from, to)} into endpoint field {@code f}: exactly the text {@link Endpoint#tryParse}
     * accepts, with the same meaning (IPv4-mapped IPv6 folded to IPv4). Returns false, storing nothing usable,
     * when it is not an endpoint.
     */
    boolean readEndpoint(CharSequence line, int from, int to, int f) {
        if (readIpv4Endpoint(line, from, to, f) == to) {
            return true;
        }
        if (Endpoint.isUnknownText(line, from, to)) {
            addressLengths[f] = 0;
            ports[f] = 0;
            return true;
        }
        int[] parts = splitScratch;
        byte[] a = addressScratch;
        int length = Endpoint.split(line, from, to, parts) ? IpAddresses.parseInto(line, parts[0], parts[1], a) : 0;
        if (length == 0) {
            return false;
        }
        if (length == 4) {
            ipv4s[f] = getInt(a, 0);
        } else if (IpAddresses.isIpv4Mapped(a)) {
            length = 4;
            ipv4s[f] = getInt(a, 12);
        } else {
            ipv6Highs[f] = (getInt(a, 0) & 0xffffffffL) << 32 | (getInt(a, 4) & 0xffffffffL);
            ipv6Lows[f] = (getInt(a, 8) & 0xffffffffL) << 32 | (getInt(a, 12) & 0xffffffffL);
        }
        addressLengths[f] = length;
        ports[f] = parts[2];
        return true;
    }

    /**
     * The common shape {@code a.b.c.d:port} in one forward pass from {@code from}, by the rules of the general
     * reading (at most three digits an octet, no leading zero, up to 255; a port of one to five digits up to
     * 65535): stores it in field {@code f} and returns where the port's digits end (at most {@code limit}), for the
     * caller to check that the token ends there; -1 when the text does not start with that shape.
     */
    int readIpv4Endpoint(CharSequence line, int from, int limit, int f) {
        int i = from;
        int address = 0;
        for (int part = 0; part < 4; part++) {
            int octet = 0;
            int digits = 0;
            char c = 0;
            while (i < limit && (c = line.charAt(i)) >= '0' && c <= '9') {
                if (digits == 3 || (digits == 1 && octet == 0)) {
                    return -1;
                }
                octet = octet * 10 + (c - '0');
                digits++;
                i++;
            }
            if (digits == 0 || octet > 255 || i == limit || c != (part < 3 ? '.' : ':')) {
                return -1;
            }
            address = address << 8 | octet;
            i++;
        }
        int port = 0;
        int start = i;
        char c;
        while (i < limit && (c = line.charAt(i)) >= '0' && c <= '9') {
            if (i - start == 5) {
                return -1;
            }
            port = port * 10 + (c - '0');
            i++;
        }
        if (i == start || port > 65535) {
            return -1;
        }
        addressLengths[f] = 4;
        ipv4s[f] = address;
        ports[f] = port;
        return i;
    }

    private static int getInt(byte[] a, int at) {
        return (a[at] & 0xff) << 24 | (a[at + 1] & 0xff) << 16 | (a[at + 2] & 0xff) << 8 | (a[at + 3] & 0xff);
    }

    private static void putInt(byte[] a, int at, int v) {
        a[at] = (byte) (v >>> 24);
        a[at + 1] = (byte) (v >>> 16);
        a[at + 2] = (byte) (v >>> 8);
        a[at + 3] = (byte) v;
    }
}
