package io.hoptrace.correlator.internal.capture;

import java.nio.ByteBuffer;

/**
 * IPv4 (RFC 791) and IPv6 (RFC 8200) headers: addresses, IPv4 id, fragments, IPv6 extension headers, and the
 * IP-level length of what follows, which {@link TcpDecoder} turns into the TCP payload length. Lengths come
 * from the header, not from the captured bytes, so a frame cut by the snap length keeps its real sizes.
 *
 * <p>The frame buffer is big-endian (network order); every read is absolute, nothing here allocates.
 */
public final class IpDecoder {
    static final int PROTO_TCP = 6;
    private static final int IPV6_HOP_BY_HOP = 0;
    private static final int IPV6_ROUTING = 43;
    private static final int IPV6_FRAGMENT = 44;
    private static final int IPV6_AH = 51;
    private static final int IPV6_DEST_OPTS = 60;
    /** Bounds the extension header walk so that a crafted chain cannot loop for long. */
    private static final int MAX_EXTENSION_HEADERS = 16;
    /** High half of an IPv4-mapped IPv6 address's low long: ::ffff:0:0/96 (RFC 4291 section 2.5.5.2). */
    private static final long IPV4_MAPPED = 0x0000FFFF_00000000L;

    private IpDecoder() {
    }

    /** Decodes an IPv4 header at {@code at}; the captured bytes end at {@code end}. */
    static void ipv4(DecodedPacket p, ByteBuffer b, int at, int end) {
        if (end - at < 20) {
            return; // fixed header cut: nothing reliable to report
        }
        int versionIhl = b.get(at) & 0xFF;
        int headerLength = (versionIhl & 0x0F) * 4;
        if (versionIhl >>> 4 != 4 || headerLength < 20) {
            return;
        }
        int totalLength = b.getShort(at + 2) & 0xFFFF;
        if (totalLength == 0) {
            // Captured before segmentation offload (TSO/GSO) filled it in: take the length from the wire.
            totalLength = wireBytesFrom(p, at);
        }
        p.ipVersion = 4;
        p.ipId = b.getShort(at + 4) & 0xFFFF;
        p.srcHi = 0;
        p.srcLo = IPV4_MAPPED | (b.getInt(at + 12) & 0xFFFFFFFFL);
        p.dstHi = 0;
        p.dstLo = IPV4_MAPPED | (b.getInt(at + 16) & 0xFFFFFFFFL);
        int fragmentOffset = b.getShort(at + 6) & 0x1FFF;
        if (fragmentOffset != 0 || (b.get(at + 9) & 0xFF) != PROTO_TCP) {
            return; // a later fragment carries no TCP header
        }
        if (end - at < headerLength || totalLength < headerLength) {
            return; // options cut by the snap length, or a bogus total length
        }
        TcpDecoder.decode(p, b, at + headerLength, end, totalLength - headerLength);
    }

    /** Decodes an IPv6 header and its extension headers at {@code at}. */
    static void ipv6(DecodedPacket p, ByteBuffer b, int at, int end) {
        if (end - at < 40 || (b.get(at) & 0xF0) != 0x60) {
            return;
        }
        int remaining = b.getShort(at + 4) & 0xFFFF;
        if (remaining == 0) {
            // A jumbogram (RFC 2675) or a pre-offload capture: the wire length is what we know.
            remaining = wireBytesFrom(p, at) - 40;
        }
        int next = b.get(at + 6) & 0xFF;
        p.ipVersion = 6;
        p.srcHi = b.getLong(at + 8);
        p.srcLo = b.getLong(at + 16);
        p.dstHi = b.getLong(at + 24);
        p.dstLo = b.getLong(at + 32);
        int q = at + 40;
        for (int i = 0; i <= MAX_EXTENSION_HEADERS && remaining >= 0; i++) {
            int length;
            switch (next) {
                case PROTO_TCP -> {
                    TcpDecoder.decode(p, b, q, end, remaining);
                    return;
                }
                case IPV6_HOP_BY_HOP, IPV6_ROUTING, IPV6_DEST_OPTS -> {
                    if (end - q < 2) {
                        return;
                    }
                    length = ((b.get(q + 1) & 0xFF) + 1) * 8; // RFC 8200 4.3: in 8-octet units, minus the first
                }
                case IPV6_FRAGMENT -> {
                    if (end - q < 4) {
                        return;
                    }
                    if ((b.getShort(q + 2) & 0xFFF8) != 0) {
                        return; // not the first fragment: no TCP header here
                    }
                    length = 8;
                }
                case IPV6_AH -> {
                    if (end - q < 2) {
                        return;
                    }
                    length = ((b.get(q + 1) & 0xFF) + 2) * 4; // RFC 4302 2.2: in 4-octet units, minus 2
                }
                default -> {
                    return; // ESP, no next header, or a protocol we do not decode
                }
            }
            next = b.get(q) & 0xFF;
            q += length;
            remaining -= length;
        }
    }

    /** Bytes the frame had on the wire from {@code at} on (the link header excluded). */
    private static int wireBytesFrom(DecodedPacket p, int at) {
        return p.wireLength - (at - p.frameOffset);
    }
}
