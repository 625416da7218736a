package io.hoptrace.correlator;

/**
 * The figures of one correlation run, before the follow filter: inputs read, connections found, sessions read and
 * matched, traces built. Packet times are {@link #NONE} when no TCP packet was read.
 */
public record CorrelationCounts(int captures, long packets, long tcpPackets, long duplicatePackets,
                                long connections, long unexplainedConnections, long sessions, long failedSessions,
                                long matchedSessions, long uncapturedSessions, long traces, long completeTraces,
                                long firstPacketNanos, long lastPacketNanos) {
    public static final long NONE = -1;

    public CorrelationCounts {
        long[] counts = {captures, packets, tcpPackets, duplicatePackets, connections, unexplainedConnections,
            sessions, failedSessions, matchedSessions, uncapturedSessions, traces, completeTraces};
        for (long c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("counts: expected non-negative numbers, got " + c);
            }
        }
        if (tcpPackets + duplicatePackets > packets) {
            throw new IllegalArgumentException("tcpPackets: expected at most packets - duplicatePackets ("
                    + (packets - duplicatePackets) + "), got " + tcpPackets);
        }
        if (unexplainedConnections > connections || completeTraces > traces || failedSessions > sessions
                || matchedSessions + uncapturedSessions > sessions) {
            throw new IllegalArgumentException("counts: a part exceeds its whole: " + this);
        }
        if (lastPacketNanos < firstPacketNanos) {
            throw new IllegalArgumentException("lastPacketNanos: expected at or after " + firstPacketNanos
                    + ", got " + lastPacketNanos);
        }
    }
}
