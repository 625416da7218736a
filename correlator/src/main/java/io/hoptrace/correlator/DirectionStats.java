package io.hoptrace.correlator;

/**
 * What one direction of a connection carried: packets, TCP payload bytes (retransmissions included, as on the
 * wire), the capture times of its first and last payload byte ({@link #NONE} without payload), how many of
 * its packets repeated sequence space already seen with payload (retransmissions, or reordering on the way to
 * the capture point), and when its sender first sent a FIN and a RST ({@link #NONE} when it did not).
 */
public record DirectionStats(long packets, long bytes, long firstPayloadNanos, long lastPayloadNanos,
                             long retransmissions, long retransmittedBytes, long finNanos, long rstNanos) {
    public static final long NONE = -1;
    public static final DirectionStats EMPTY = new DirectionStats(0, 0, NONE, NONE, 0, 0);

    /** Without close times: neither a FIN nor a RST seen in this direction. */
    public DirectionStats(long packets, long bytes, long firstPayloadNanos, long lastPayloadNanos,
                          long retransmissions, long retransmittedBytes) {
        this(packets, bytes, firstPayloadNanos, lastPayloadNanos, retransmissions, retransmittedBytes, NONE, NONE);
    }

    public DirectionStats {
        if (packets < 0 || bytes < 0) {
            throw new IllegalArgumentException("packets/bytes: expected non-negative counts, got " + packets + "/"
                    + bytes);
        }
        if (retransmissions < 0 || retransmissions > packets) {
            throw new IllegalArgumentException("retransmissions: expected 0.." + packets + ", got "
                    + retransmissions);
        }
        if (retransmittedBytes < 0 || retransmittedBytes > bytes) {
            throw new IllegalArgumentException("retransmittedBytes: expected 0.." + bytes + ", got "
                    + retransmittedBytes);
        }
        if ((firstPayloadNanos == NONE) != (lastPayloadNanos == NONE) || (bytes == 0) != (firstPayloadNanos == NONE)) {
            throw new IllegalArgumentException("firstPayloadNanos/lastPayloadNanos: expected both set exactly when"
                    + " bytes > 0, got " + firstPayloadNanos + "/" + lastPayloadNanos + " with " + bytes + " bytes");
        }
        if (firstPayloadNanos != NONE && (firstPayloadNanos < 0 || lastPayloadNanos < firstPayloadNanos)) {
            throw new IllegalArgumentException("lastPayloadNanos: expected at or after firstPayloadNanos "
                    + firstPayloadNanos + ", got " + lastPayloadNanos);
        }
        if (finNanos < NONE || rstNanos < NONE) {
            throw new IllegalArgumentException("finNanos/rstNanos: expected capture times (>= 0) or NONE, got "
                    + finNanos + "/" + rstNanos);
        }
        if ((finNanos != NONE || rstNanos != NONE) && packets == 0) {
            throw new IllegalArgumentException("finNanos/rstNanos: expected no close time without packets, got "
                    + finNanos + "/" + rstNanos);
        }
    }

    public boolean sentFin() {
        return finNanos != NONE;
    }

    public boolean sentRst() {
        return rstNanos != NONE;
    }

    public boolean hasPayload() {
        return bytes > 0;
    }
}
