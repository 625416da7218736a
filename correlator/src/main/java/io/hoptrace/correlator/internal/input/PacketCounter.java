package io.hoptrace.correlator.internal.input;

import io.hoptrace.correlator.Packet;
import io.hoptrace.correlator.internal.flow.FlowState;
import io.hoptrace.correlator.internal.flow.FlowTable;

/**
 * Counts TCP packets into their connection instances, once each: a packet already seen at another capture point
 * (when there is a duplicate filter) only marks its connection as seen there too. Keeps the figures of the
 * report: TCP packets counted, duplicates, first and last packet time. What a read of capture files and a live
 * capture both do with each TCP packet.
 */
public final class PacketCounter {
    private final FlowTable table;
    private final DuplicateFilter dedupe;
    private long tcpPackets;
    private long duplicates;
    private long firstNanos = -1;
    private long lastNanos = -1;

    /** {@code dedupe} may be null: one capture point cannot see a packet twice. */
    public PacketCounter(FlowTable table, DuplicateFilter dedupe) {
        this.table = table;
        this.dedupe = dedupe;
    }

    /** Counts a TCP packet into its connection; null when it is a duplicate from another capture point. */
    public FlowState count(Packet p) {
        if (dedupe != null && dedupe.isDuplicate(p)) {
            duplicates++;
            table.markSeen(p);
            return null;
        }
        tcpPackets++;
        long ts = p.timestampNanos();
        if (firstNanos < 0 || ts < firstNanos) {
            firstNanos = ts;
        }
        lastNanos = Math.max(lastNanos, ts);
        return table.track(p);
    }

    public FlowTable table() {
        return table;
    }

    public long tcpPackets() {
        return tcpPackets;
    }

    public long duplicates() {
        return duplicates;
    }

    /** The earliest packet time counted, or -1. */
    public long firstNanos() {
        return firstNanos;
    }

    /** The latest packet time counted, or -1. */
    public long lastNanos() {
        return lastNanos;
    }
}
