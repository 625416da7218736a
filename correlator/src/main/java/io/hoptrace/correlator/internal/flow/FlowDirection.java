package io.hoptrace.correlator.internal.flow;

import io.hoptrace.correlator.DirectionStats;
import io.hoptrace.correlator.Packet;

/** The running counters of one direction of one connection instance. */
final class FlowDirection {
    private static final long SEQ_MASK = 0xffff_ffffL;

    long packets;
    long bytes;
    long firstPayloadNanos = DirectionStats.NONE;
    long lastPayloadNanos = DirectionStats.NONE;
    long retransmissions;
    long retransmittedBytes;
    /** The sequence number after the highest one seen (payload, SYN and FIN consume sequence space), or -1. */
    long nextSeq = -1;
    /** When this direction first sent a FIN / a RST (the timeline's close marks), or NONE. */
    long finNanos = DirectionStats.NONE;
    long rstNanos = DirectionStats.NONE;

    /**
     * Counts one packet. A payload that starts before {@code nextSeq} repeats sequence space already seen: a
     * retransmission (or reordering before the capture point, which the capture cannot tell apart).
     */
    void add(long seq, int payloadLength, boolean syn, boolean fin, long nanos) {
        packets++;
        long dataSeq = syn ? (seq + 1) & SEQ_MASK : seq;
        if (payloadLength > 0) {
            bytes += payloadLength;
            if (firstPayloadNanos == DirectionStats.NONE) {
                firstPayloadNanos = nanos;
                lastPayloadNanos = nanos;
            } else {
                // Packets of a merged capture can be slightly out of order: keep first <= last.
                firstPayloadNanos = Math.min(firstPayloadNanos, nanos);
                lastPayloadNanos = Math.max(lastPayloadNanos, nanos);
            }
            if (nextSeq >= 0 && before(dataSeq, nextSeq)) {
                retransmissions++;
                retransmittedBytes += payloadLength;
            }
        }
        long end = (dataSeq + payloadLength + (fin ? 1 : 0)) & SEQ_MASK;
        if (nextSeq < 0 || before(nextSeq, end)) {
            nextSeq = end;
        }
    }

    /**
     * Notes a FIN or RST sent in this direction. The earliest one counts: a retransmitted FIN comes later, and
     * packets of a merged capture can be slightly out of order.
     */
    void markClose(int flags, long nanos) {
        if ((flags & Packet.FIN) != 0 && (finNanos == DirectionStats.NONE || nanos < finNanos)) {
            finNanos = nanos;
        }
        if ((flags & Packet.RST) != 0 && (rstNanos == DirectionStats.NONE || nanos < rstNanos)) {
            rstNanos = nanos;
        }
    }

    /** Sequence-space comparison modulo 2^32 (RFC 793 section 3.3; RFC 1982 serial arithmetic). */
    static boolean before(long a, long b) {
        return (int) (a - b) < 0;
    }

    DirectionStats toStats() {
        return new DirectionStats(packets, bytes, firstPayloadNanos, lastPayloadNanos, retransmissions,
                retransmittedBytes, finNanos, rstNanos);
    }
}
