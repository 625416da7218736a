package io.hoptrace.correlator;

import java.nio.ByteBuffer;

/** An immutable packet for tests, with a real frame (Ethernet, IPv4 or IPv6, TCP, payload). */
public record TestPacket(long timestampNanos, int captureIndex, int interfaceId, int linkType, int ipVersion,
                         long srcAddrHi, long srcAddrLo, long dstAddrHi, long dstAddrLo, int srcPort, int dstPort,
                         int tcpFlags, long seq, long ack, int window, int ipId, int tcpChecksum,
                         int payloadLength, byte[] bytes) implements Packet {

    @Override
    public int capturedLength() {
        return bytes.length;
    }

    @Override
    public int wireLength() {
        return bytes.length;
    }

    @Override
    public long fileOffset() {
        return -1;
    }

    @Override
    public boolean isTcp() {
        return ipVersion != 0;
    }

    @Override
    public ByteBuffer frame() {
        return ByteBuffer.wrap(bytes);
    }

    @Override
    public int frameOffset() {
        return 0;
    }

    /** The same packet as another capture point saw it: another capture index, a shifted time. */
    public TestPacket seenAt(int capture, long shiftNanos) {
        return new TestPacket(timestampNanos + shiftNanos, capture, interfaceId, linkType, ipVersion, srcAddrHi,
                srcAddrLo, dstAddrHi, dstAddrLo, srcPort, dstPort, tcpFlags, seq, ack, window, ipId, tcpChecksum,
                payloadLength, bytes);
    }

    public TestPacket withInterface(int iface, int link) {
        return new TestPacket(timestampNanos, captureIndex, iface, link, ipVersion, srcAddrHi, srcAddrLo,
                dstAddrHi, dstAddrLo, srcPort, dstPort, tcpFlags, seq, ack, window, ipId, tcpChecksum,
                payloadLength, bytes);
    }
}
