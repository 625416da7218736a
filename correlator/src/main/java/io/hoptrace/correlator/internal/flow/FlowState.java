package io.hoptrace.correlator.internal.flow;

import io.hoptrace.correlator.DirectionStats;
import io.hoptrace.correlator.Packet;

/**
 * One TCP connection instance while packets are being read. Addresses are kept in the table's normalised order
 * (A is the lower of the two endpoints); direction 0 is A to B. Allocated once per connection instance, never per
 * packet; instances of the same four-tuple are chained newest first through {@link #previous}.
 */
public final class FlowState {
    static final int UNKNOWN = -1;

    final int id;
    final int instance;
    /** The next older instance of the same four-tuple; unlinked when the table removes that one (live). */
    FlowState previous;
    final long aHi;
    final long aLo;
    final long bHi;
    final long bLo;
    final int aPort;
    final int bPort;
    final FlowDirection[] dirs = {new FlowDirection(), new FlowDirection()};

    long firstNanos;
    long lastNanos;
    /** Direction whose sender initiated the connection (sent the SYN), or UNKNOWN. */
    int initiator = UNKNOWN;
    int firstDir = UNKNOWN;
    long synNanos = -1;
    long synSeq = -1;
    long synAckNanos = -1;
    long ackNanos = -1;
    int finDir = UNKNOWN;
    int rstDir = UNKNOWN;
    long captureMask;
    long slotMask;
    /** Which ends of sessions the matcher made this instance: {@link #FRONT} and {@link #BACK} bits. */
    private byte claims;

    private static final int FRONT = 1;
    private static final int BACK = 2;

    FlowState(int id, FlowState previous, long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
        this.id = id;
        this.previous = previous;
        this.instance = previous == null ? 0 : previous.instance + 1;
        this.aHi = aHi;
        this.aLo = aLo;
        this.aPort = aPort;
        this.bHi = bHi;
        this.bLo = bLo;
        this.bPort = bPort;
    }

    /**
     * Whether {@code p} (in direction {@code dir}) belongs to a new connection on the same four-tuple: a gap
     * longer than {@code idleNanos}, or a SYN that is not a retransmission of this instance's SYN (a new SYN
     * after FIN or RST, or a new initial sequence number, or a SYN after an instance first seen without one).
     */
    boolean startsNewInstance(Packet p, int dir, long idleNanos) {
        if (idleNanos > 0 && p.timestampNanos() - lastNanos > idleNanos) {
            return true;
        }
        if ((p.tcpFlags() & (Packet.SYN | Packet.ACK)) != Packet.SYN) {
            return false;
        }
        if (finDir != UNKNOWN || rstDir != UNKNOWN) {
            return true;
        }
        if (synNanos >= 0) {
            return dir != initiator || p.seq() != synSeq;
        }
        return true;
    }

    void add(Packet p, int dir, int slot) {
        long ts = p.timestampNanos();
        int flags = p.tcpFlags();
        if (firstDir == UNKNOWN) {
            firstDir = dir;
            firstNanos = ts;
            lastNanos = ts;
        } else {
            firstNanos = Math.min(firstNanos, ts);
            lastNanos = Math.max(lastNanos, ts);
        }
        boolean syn = (flags & Packet.SYN) != 0;
        boolean ack = (flags & Packet.ACK) != 0;
        if (syn && !ack) {
            if (synNanos < 0) {
                synNanos = ts;
                synSeq = p.seq();
                initiator = dir;
            }
        } else if (syn) {
            if (synAckNanos < 0 && initiator != dir) {
                synAckNanos = ts;
                if (initiator == UNKNOWN) {
                    initiator = 1 - dir;
                }
            }
        } else if (ack && ackNanos < 0 && synNanos >= 0 && synAckNanos >= 0 && dir == initiator) {
            ackNanos = ts; // the third packet of the handshake (RFC 793 section 3.4, figure 7)
        }
        if ((flags & Packet.RST) != 0 && rstDir == UNKNOWN) {
            rstDir = dir;
        }
        boolean fin = (flags & Packet.FIN) != 0;
        if (fin && finDir == UNKNOWN) {
            finDir = dir;
        }
        dirs[dir].add(p.seq(), p.payloadLength(), syn, fin, ts);
        if ((flags & (Packet.FIN | Packet.RST)) != 0) {
            dirs[dir].markClose(flags, ts);
        }
        captureMask |= 1L << Math.min(p.captureIndex(), 63);
        slotMask |= 1L << Math.min(slot, 63);
    }

    /**
     * The initiator's direction: from the handshake when it was captured; else the side with the higher port
     * sent it (ephemeral ports are above service ports); on equal ports, the sender of the first packet.
     */
    int clientDir() {
        if (initiator != UNKNOWN) {
            return initiator;
        }
        if (aPort != bPort) {
            return aPort > bPort ? 0 : 1;
        }
        return firstDir == UNKNOWN ? 0 : firstDir;
    }

    /** True when this instance was matched as the front (or back) connection of a session. */
    public boolean claimed(boolean front) {
        return (claims & (front ? FRONT : BACK)) != 0;
    }

    public void claim(boolean front) {
        claims |= front ? FRONT : BACK;
    }

    /** Undoes {@link #claim}: a live correlation matched a chain it is not reporting yet. */
    public void release(boolean front) {
        claims &= ~(front ? FRONT : BACK);
    }

    /** True once a RST was seen, or a FIN each way: no more packets are expected but the last ACK. */
    public boolean ended() {
        return rstDir != UNKNOWN
                || (dirs[0].finNanos != DirectionStats.NONE && dirs[1].finNanos != DirectionStats.NONE);
    }

    public int id() {
        return id;
    }

    public int instance() {
        return instance;
    }

    public FlowState previous() {
        return previous;
    }

    public long firstNanos() {
        return firstNanos;
    }

    public long lastNanos() {
        return lastNanos;
    }

    public long slotMask() {
        return slotMask;
    }
}
