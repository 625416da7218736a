package io.hoptrace.correlator.internal.capture;

import io.hoptrace.correlator.Packet;
import java.nio.ByteBuffer;

/**
 * The one mutable {@link Packet} a source hands out again and again: a reader fills the record fields with
 * {@link #setRecord}, then {@link LinkLayerDecoder#decode} fills the network fields from the frame bytes.
 * Nothing here allocates, so a reader allocates nothing per packet.
 *
 * <p>What a frame cut by the snap length reports: lengths always come from the IP header (the real sizes). A
 * frame that ends inside the fixed IP header is not decoded (ipVersion 0). A frame that ends inside IPv4
 * options or IPv6 extension headers keeps its addresses, but {@link #isTcp()} is false (the TCP header was not
 * captured). A frame that ends inside the TCP header is TCP when at least the two ports were captured; the
 * fields past the cut read 0, and when the data-offset byte was cut the header is taken as 20 bytes (its
 * minimum) for {@link #payloadLength()}.
 */
public final class DecodedPacket implements Packet {
    // Record fields, set by the reader.
    long timestampNanos;
    int captureIndex;
    int interfaceId;
    int linkType;
    int capturedLength;
    int wireLength;
    long fileOffset;
    ByteBuffer buffer;
    int frameOffset;

    // Network fields, set by the decoders.
    int ipVersion;
    boolean tcp;
    long srcHi;
    long srcLo;
    long dstHi;
    long dstLo;
    int srcPort;
    int dstPort;
    int tcpFlags;
    long seq;
    long ack;
    int window;
    int ipId;
    int tcpChecksum;
    int payloadLength;

    public DecodedPacket(int captureIndex) {
        this.captureIndex = captureIndex;
    }

    /**
     * Sets what the capture record says and clears the decoded fields; the frame is bytes
     * {@code [frameOffset, frameOffset + capturedLength)} of {@code buffer} (a big-endian buffer).
     */
    public void setRecord(long timestampNanos, int interfaceId, int linkType, int capturedLength, int wireLength,
            long fileOffset, ByteBuffer buffer, int frameOffset) {
        this.timestampNanos = timestampNanos;
        this.interfaceId = interfaceId;
        this.linkType = linkType;
        this.capturedLength = capturedLength;
        this.wireLength = wireLength;
        this.fileOffset = fileOffset;
        this.buffer = buffer;
        this.frameOffset = frameOffset;
        ipVersion = 0;
        tcp = false;
        srcHi = 0;
        srcLo = 0;
        dstHi = 0;
        dstLo = 0;
        srcPort = 0;
        dstPort = 0;
        tcpFlags = 0;
        seq = 0;
        ack = 0;
        window = 0;
        ipId = -1;
        tcpChecksum = 0;
        payloadLength = 0;
    }

    @Override
    public long timestampNanos() {
        return timestampNanos;
    }

    @Override
    public int captureIndex() {
        return captureIndex;
    }

    @Override
    public int interfaceId() {
        return interfaceId;
    }

    @Override
    public int linkType() {
        return linkType;
    }

    @Override
    public int capturedLength() {
        return capturedLength;
    }

    @Override
    public int wireLength() {
        return wireLength;
    }

    @Override
    public long fileOffset() {
        return fileOffset;
    }

    @Override
    public int ipVersion() {
        return ipVersion;
    }

    @Override
    public boolean isTcp() {
        return tcp;
    }

    @Override
    public long srcAddrHi() {
        return srcHi;
    }

    @Override
    public long srcAddrLo() {
        return srcLo;
    }

    @Override
    public long dstAddrHi() {
        return dstHi;
    }

    @Override
    public long dstAddrLo() {
        return dstLo;
    }

    @Override
    public int srcPort() {
        return srcPort;
    }

    @Override
    public int dstPort() {
        return dstPort;
    }

    @Override
    public int tcpFlags() {
        return tcpFlags;
    }

    @Override
    public long seq() {
        return seq;
    }

    @Override
    public long ack() {
        return ack;
    }

    @Override
    public int window() {
        return window;
    }

    @Override
    public int ipId() {
        return ipId;
    }

    @Override
    public int tcpChecksum() {
        return tcpChecksum;
    }

    @Override
    public int payloadLength() {
        return payloadLength;
    }

    @Override
    public ByteBuffer frame() {
        return buffer;
    }

    @Override
    public int frameOffset() {
        return frameOffset;
    }

    @Override
    public String toString() {
        // For debugging and test failure messages only; the hot path never calls it.
        return "Packet[ts=" + timestampNanos + " if=" + interfaceId + " link=" + linkType + " caplen="
                + capturedLength + " len=" + wireLength + " offset=" + fileOffset + " ip=" + ipVersion
                + " tcp=" + tcp + " " + srcPort + "->" + dstPort + " flags=0x" + Integer.toHexString(tcpFlags)
                + " seq=" + seq + " ack=" + ack + " payload=" + payloadLength + "]";
    }
}
