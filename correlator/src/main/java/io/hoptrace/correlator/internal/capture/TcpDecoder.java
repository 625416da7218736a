package io.hoptrace.correlator.internal.capture;

import java.nio.ByteBuffer;

/**
 * The TCP header (RFC 9293 section 3.1): ports, sequence and acknowledgement numbers, flags, window,
 * checksum, and the payload length from the IP length minus the data offset (so options are accounted for).
 * A header cut by the snap length keeps what was captured; see {@link DecodedPacket} for what is reported.
 */
public final class TcpDecoder {
    private static final int MIN_HEADER = 20;

    private TcpDecoder() {
    }

    /**
     * Decodes a TCP header at {@code at}; {@code ipPayloadLength} is what the IP header(s) say follows them,
     * and the captured bytes end at {@code end}.
     */
    static void decode(DecodedPacket p, ByteBuffer b, int at, int end, int ipPayloadLength) {
        int captured = end - at;
        if (captured < 4) {
            return; // not even the ports: not usable as TCP
        }
        p.tcp = true;
        p.srcPort = b.getShort(at) & 0xFFFF;
        p.dstPort = b.getShort(at + 2) & 0xFFFF;
        int headerLength = MIN_HEADER;
        if (captured >= 20) {
            p.seq = b.getInt(at + 4) & 0xFFFFFFFFL;
            p.ack = b.getInt(at + 8) & 0xFFFFFFFFL;
            headerLength = (b.get(at + 12) & 0xF0) >>> 2;
            p.tcpFlags = b.get(at + 13) & 0xFF;
            p.window = b.getShort(at + 14) & 0xFFFF;
            p.tcpChecksum = b.getShort(at + 16) & 0xFFFF;
        } else {
            partial(p, b, at, captured);
            if (captured >= 13) {
                headerLength = (b.get(at + 12) & 0xF0) >>> 2;
            }
        }
        if (headerLength < MIN_HEADER) {
            headerLength = MIN_HEADER; // a bogus data offset: count the minimum header
        }
        int payload = ipPayloadLength - headerLength;
        p.payloadLength = payload > 0 ? payload : 0;
    }

    /** The fields that fit in the first {@code captured} (4..19) bytes; the rest stay 0. */
    private static void partial(DecodedPacket p, ByteBuffer b, int at, int captured) {
        if (captured >= 8) {
            p.seq = b.getInt(at + 4) & 0xFFFFFFFFL;
        }
        if (captured >= 12) {
            p.ack = b.getInt(at + 8) & 0xFFFFFFFFL;
        }
        if (captured >= 14) {
            p.tcpFlags = b.get(at + 13) & 0xFF;
        }
        if (captured >= 16) {
            p.window = b.getShort(at + 14) & 0xFFFF;
        }
        if (captured >= 18) {
            p.tcpChecksum = b.getShort(at + 16) & 0xFFFF;
        }
    }
}
