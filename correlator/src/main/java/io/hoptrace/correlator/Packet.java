package io.hoptrace.correlator;

import java.nio.ByteBuffer;

/**
 * One captured frame as the correlator sees it: a reused view, valid until the next
 * {@link PacketSource#next()} of its source. Copy what must outlive that; nothing here allocates.
 *
 * <p>Addresses are 128-bit values split in two longs; an IPv4 address is stored IPv4-mapped
 * ({@code ::ffff:a.b.c.d}, RFC 4291 section 2.5.5.2), so one key type serves both families. Lengths come from
 * the IP header, so a frame cut by the snap length still reports its real sizes.
 *
 * <p>Frames cut by the snap length: cut inside the fixed IP header, the frame is not decoded (ipVersion 0); cut
 * inside IPv4 options or IPv6 extension headers, it keeps its addresses but is not TCP; cut inside the TCP
 * header, it is TCP when both ports were captured, the fields past the cut read 0, and when the data-offset byte
 * was cut the header counts as 20 bytes for {@link #payloadLength()}.
 */
public interface Packet {
    /**
     * Capture time in nanoseconds since the epoch (converted from the file's or interface's resolution, rounding
     * down). A pcapng Simple Packet Block has no timestamp: it gets the previous packet's (0 if none).
     */
    long timestampNanos();

    /** Index of the capture (file or interface) in the order the user gave them, from 0. */
    int captureIndex();

    /** pcapng interface id within the capture (0 for classic pcap and live capture). */
    int interfaceId();

    /** Link-layer header type (LINKTYPE_* of the tcpdump.org registry). */
    int linkType();

    /** Bytes captured of this frame. */
    int capturedLength();

    /** Bytes the frame had on the wire. */
    int wireLength();

    /** Byte offset of this record's header in the (decompressed) capture file; -1 for live capture. */
    long fileOffset();

    /** 4 or 6; 0 when the frame carries no IP packet this reader decodes. */
    int ipVersion();

    /**
     * True when this is the first fragment or unfragmented IP packet and it carries TCP (a first fragment's
     * {@link #payloadLength()} counts the payload bytes of that fragment only: fragments are not reassembled).
     */
    boolean isTcp();

    long srcAddrHi();

    long srcAddrLo();

    long dstAddrHi();

    long dstAddrLo();

    int srcPort();

    int dstPort();

    /** TCP flags byte (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10, URG 0x20, ECE 0x40, CWR 0x80). */
    int tcpFlags();

    /** Sequence number, unsigned 32-bit in a long. */
    long seq();

    /** Acknowledgement number, unsigned 32-bit in a long. */
    long ack();

    int window();

    /** IPv4 identification field, or -1 for IPv6 and frames without IP. */
    int ipId();

    /** The TCP checksum as captured: with the tuple and sequence numbers, identifies one packet seen twice. */
    int tcpChecksum();

    /** TCP payload bytes, computed from the IP lengths (not from the captured bytes). */
    int payloadLength();

    /**
     * The captured frame: bytes {@code [frameOffset(), frameOffset() + capturedLength())} of this buffer
     * (big-endian). Read it with absolute gets; its position and limit are not the frame's.
     */
    ByteBuffer frame();

    int frameOffset();

    int FIN = 0x01;
    int SYN = 0x02;
    int RST = 0x04;
    int PSH = 0x08;
    int ACK = 0x10;
}
