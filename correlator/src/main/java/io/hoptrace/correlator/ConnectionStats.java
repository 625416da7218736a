package io.hoptrace.correlator;

import io.hoptrace.events.FourTuple;
import java.util.Objects;

/**
 * One TCP connection instance as the captures show it. {@code tuple.client()} is the initiator (the sender of
 * the SYN; when the handshake was not captured, the side with the higher port, see {@link #orientationKnown});
 * {@code up} is client to server. Times are capture times in nanoseconds since the epoch; handshake times are
 * {@link #NONE} when not seen.
 *
 * <p>{@code id} numbers the instances of one correlation run in the order they appeared; {@code instance} counts
 * the earlier instances of the same four-tuple (0 for the first), which tells apart a client port used twice.
 * {@code captureMask} has bit {@code i} set when capture {@code i} saw the connection (bit 63 for 63 and above).
 */
public record ConnectionStats(int id, FourTuple tuple, int instance, long firstNanos, long lastNanos,
                              DirectionStats up, DirectionStats down, long synNanos, long synAckNanos,
                              long handshakeAckNanos, ConnectionEnd end, Side endedBy, boolean orientationKnown,
                              long captureMask) {
    public static final long NONE = -1;

    public ConnectionStats {
        Objects.requireNonNull(tuple, "tuple");
        Objects.requireNonNull(up, "up");
        Objects.requireNonNull(down, "down");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(endedBy, "endedBy");
        if (id < 0 || instance < 0) {
            throw new IllegalArgumentException("id/instance: expected non-negative numbers, got " + id + "/"
                    + instance);
        }
        if (!tuple.isInet()) {
            throw new IllegalArgumentException("tuple: expected IP endpoints on both sides, got " + tuple);
        }
        if (firstNanos < 0 || lastNanos < firstNanos) {
            throw new IllegalArgumentException("lastNanos: expected at or after firstNanos " + firstNanos
                    + " (>= 0), got " + lastNanos);
        }
        if ((end == ConnectionEnd.OPEN) != (endedBy == Side.NONE)) {
            throw new IllegalArgumentException("endedBy: expected NONE exactly when end is OPEN, got " + endedBy
                    + " with " + end);
        }
        if (handshakeAckNanos != NONE && (synNanos == NONE || handshakeAckNanos < synNanos)) {
            throw new IllegalArgumentException("handshakeAckNanos: expected after a SYN at " + synNanos + ", got "
                    + handshakeAckNanos);
        }
    }

    /** SYN to the ACK of the SYN-ACK as seen at the capture point (Wireshark's initial RTT), or {@link #NONE}. */
    public long handshakeRttNanos() {
        return synNanos != NONE && handshakeAckNanos != NONE ? handshakeAckNanos - synNanos : NONE;
    }

    public long durationNanos() {
        return lastNanos - firstNanos;
    }

    public long packets() {
        return up.packets() + down.packets();
    }

    /** First request byte to first response byte on this connection, or {@link #NONE} when one is missing. */
    public long responseTimeNanos() {
        return up.hasPayload() && down.hasPayload() ? down.firstPayloadNanos() - up.firstPayloadNanos() : NONE;
    }

    /** The same connection seen from the other end: client and server, up and down swapped. */
    public ConnectionStats reversed() {
        return new ConnectionStats(id, tuple.reversed(), instance, firstNanos, lastNanos, down, up, synNanos,
                synAckNanos, handshakeAckNanos, end, endedBy.opposite(), orientationKnown, captureMask);
    }

    /**
     * This connection with {@code wanted} as its orientation when the packets did not settle it (no handshake
     * captured) and {@code wanted} is its reverse; otherwise unchanged.
     */
    public ConnectionStats orientedTo(FourTuple wanted) {
        return !orientationKnown && tuple.reversed().equals(wanted) ? reversed() : this;
    }
}
