package io.hoptrace.correlator.internal.capture;

import java.nio.ByteBuffer;

/**
 * Finds the IP packet inside a frame for the link types hoptrace reads (LINKTYPE_* values of the tcpdump.org
 * link-layer header type registry) and hands it to {@link IpDecoder}. Any other link type, or a frame whose
 * link header was cut, is left undecoded (ipVersion 0): not an error, the packet is still delivered.
 */
public final class LinkLayerDecoder {
    public static final int LINKTYPE_NULL = 0;
    public static final int LINKTYPE_ETHERNET = 1;
    /** DLT_RAW on most BSDs; files normally carry 101, but some writers store the DLT value. */
    public static final int DLT_RAW_12 = 12;
    /** DLT_RAW on OpenBSD. */
    public static final int DLT_RAW_14 = 14;
    public static final int LINKTYPE_RAW = 101;
    public static final int LINKTYPE_LOOP = 108;
    public static final int LINKTYPE_LINUX_SLL = 113;
    public static final int LINKTYPE_IPV4 = 228;
    public static final int LINKTYPE_IPV6 = 229;
    public static final int LINKTYPE_LINUX_SLL2 = 276;

    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int ETHERTYPE_VLAN = 0x8100; // IEEE 802.1Q
    private static final int ETHERTYPE_QINQ = 0x88A8; // IEEE 802.1ad service tag
    private static final int ETHERTYPE_QINQ_OLD1 = 0x9100; // pre-standard QinQ
    private static final int ETHERTYPE_QINQ_OLD2 = 0x9200;
    private static final int MAX_VLAN_TAGS = 8;

    /** Address family values seen in BSD loopback headers for IPv6 (NetBSD/OpenBSD, FreeBSD, Darwin, Linux). */
    private static final int AF_INET = 2;

    private LinkLayerDecoder() {
    }

    /** Decodes the frame {@link DecodedPacket#setRecord} described. */
    public static void decode(DecodedPacket p) {
        ByteBuffer b = p.buffer;
        int off = p.frameOffset;
        int end = off + p.capturedLength;
        switch (p.linkType) {
            case LINKTYPE_ETHERNET -> ethernet(p, b, off, end);
            case LINKTYPE_LINUX_SLL -> {
                // Linux cooked capture v1: 16-byte header, protocol type (an EtherType) at offset 14.
                if (end - off >= 16) {
                    byEtherType(p, b, u16(b, off + 14), off + 16, end);
                }
            }
            case LINKTYPE_LINUX_SLL2 -> {
                // Linux cooked capture v2: 20-byte header, protocol type at offset 0.
                if (end - off >= 20) {
                    byEtherType(p, b, u16(b, off), off + 20, end);
                }
            }
            case LINKTYPE_RAW, DLT_RAW_12, DLT_RAW_14 -> rawIp(p, b, off, end);
            case LINKTYPE_IPV4 -> IpDecoder.ipv4(p, b, off, end);
            case LINKTYPE_IPV6 -> IpDecoder.ipv6(p, b, off, end);
            case LINKTYPE_NULL -> {
                // The family is in the byte order of the machine that captured: a real family value fits in 16
                // bits, so a value with high bits set was written by the other byte order.
                if (end - off >= 4) {
                    int family = b.getInt(off);
                    if ((family & 0xFFFF0000) != 0) {
                        family = Integer.reverseBytes(family);
                    }
                    byFamily(p, b, family, off + 4, end);
                }
            }
            case LINKTYPE_LOOP -> {
                // OpenBSD loopback: the family is always in network byte order.
                if (end - off >= 4) {
                    byFamily(p, b, b.getInt(off), off + 4, end);
                }
            }
            default -> {
                // Not a link type we decode: delivered with ipVersion 0.
            }
        }
    }

    private static void ethernet(DecodedPacket p, ByteBuffer b, int off, int end) {
        if (end - off < 14) {
            return;
        }
        int type = u16(b, off + 12);
        int at = off + 14;
        // 802.1Q, 802.1ad and stacked (QinQ) tags: 4 bytes each, the inner EtherType in the last two.
        for (int tags = 0; tags < MAX_VLAN_TAGS && isVlanTag(type); tags++) {
            if (end - at < 4) {
                return;
            }
            type = u16(b, at + 2);
            at += 4;
        }
        byEtherType(p, b, type, at, end);
    }

    private static boolean isVlanTag(int type) {
        return type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD1
                || type == ETHERTYPE_QINQ_OLD2;
    }

    private static void byEtherType(DecodedPacket p, ByteBuffer b, int etherType, int at, int end) {
        if (etherType == ETHERTYPE_IPV4) {
            IpDecoder.ipv4(p, b, at, end);
        } else if (etherType == ETHERTYPE_IPV6) {
            IpDecoder.ipv6(p, b, at, end);
        }
    }

    private static void byFamily(DecodedPacket p, ByteBuffer b, int family, int at, int end) {
        if (family == AF_INET) {
            IpDecoder.ipv4(p, b, at, end);
        } else if (family == 24 || family == 28 || family == 30 || family == 10) {
            // AF_INET6 differs per OS: 24 NetBSD/OpenBSD/BSD/OS, 28 FreeBSD/DragonFly, 30 Darwin, 10 Linux.
            IpDecoder.ipv6(p, b, at, end);
        }
    }

    private static void rawIp(DecodedPacket p, ByteBuffer b, int off, int end) {
        if (end - off < 1) {
            return;
        }
        int version = (b.get(off) & 0xF0) >>> 4;
        if (version == 4) {
            IpDecoder.ipv4(p, b, off, end);
        } else if (version == 6) {
            IpDecoder.ipv6(p, b, off, end);
        }
    }

    static int u16(ByteBuffer b, int at) {
        return b.getShort(at) & 0xFFFF;
    }
}
