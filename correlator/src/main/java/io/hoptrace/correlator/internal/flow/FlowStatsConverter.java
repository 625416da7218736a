package io.hoptrace.correlator.internal.flow;

import io.hoptrace.correlator.ConnectionEnd;
import io.hoptrace.correlator.ConnectionStats;
import io.hoptrace.correlator.DirectionStats;
import io.hoptrace.correlator.Side;
import io.hoptrace.events.Endpoint;
import io.hoptrace.events.FourTuple;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns connection instances into their public {@link ConnectionStats}, sharing one {@link InetAddress} per
 * address (a capture has few addresses and many connections).
 */
public final class FlowStatsConverter {
    private record AddressKey(long hi, long lo) {
    }

    private final Map<AddressKey, InetAddress> addresses = new HashMap<>();

    public ConnectionStats stats(FlowState f) {
        return stats(f, null);
    }

    /** The stats of {@code f}, sharing {@code known} (a session's tuple object) when it is the same tuple. */
    public ConnectionStats stats(FlowState f, FourTuple known) {
        int clientDir = f.clientDir();
        Endpoint a = new Endpoint(address(f.aHi, f.aLo), f.aPort);
        Endpoint b = new Endpoint(address(f.bHi, f.bLo), f.bPort);
        FourTuple tuple = clientDir == 0 ? new FourTuple(a, b) : new FourTuple(b, a);
        if (tuple.equals(known)) {
            tuple = known;
        }
        DirectionStats up = f.dirs[clientDir].toStats();
        DirectionStats down = f.dirs[1 - clientDir].toStats();
        ConnectionEnd end;
        Side by;
        if (f.rstDir != FlowState.UNKNOWN) {
            end = ConnectionEnd.RST;
            by = f.rstDir == clientDir ? Side.CLIENT : Side.SERVER;
        } else if (f.finDir != FlowState.UNKNOWN) {
            end = ConnectionEnd.FIN;
            by = f.finDir == clientDir ? Side.CLIENT : Side.SERVER;
        } else {
            end = ConnectionEnd.OPEN;
            by = Side.NONE;
        }
        return new ConnectionStats(f.id, tuple, f.instance, f.firstNanos, f.lastNanos, up, down, f.synNanos,
                f.synAckNanos, f.ackNanos, end, by, f.initiator != FlowState.UNKNOWN, f.captureMask);
    }

    private InetAddress address(long hi, long lo) {
        return addresses.computeIfAbsent(new AddressKey(hi, lo), k -> FlowAddresses.toInetAddress(k.hi, k.lo));
    }
}
