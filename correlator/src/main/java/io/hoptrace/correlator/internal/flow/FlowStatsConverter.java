package io.hoptrace.correlator.internal.flow;

import io.hoptrace.correlator.ConnectionEnd;
import io.hoptrace.correlator.ConnectionStats;
import io.hoptrace.correlator.DirectionStats;
import io.hoptrace.correlator.Side;
import io.hoptrace.events.Endpoint;
import io.hoptrace.events.FourTuple;
import java.net.InetAddress;

/**
 * Turns connection instances into their public {@link ConnectionStats}, sharing one {@link InetAddress} per
 * address (a capture has few addresses and many connections).
 */
public final class FlowStatsConverter {
    // The shared addresses, in an open-addressing table keyed on the two longs (no key object per lookup).
    private long[] his = new long[64];
    private long[] los = new long[64];
    private InetAddress[] addresses = new InetAddress[64];
    private int size;

    public ConnectionStats stats(FlowState f) {
        return stats(f, null);
    }

    /** The stats of {@code f}, sharing {@code known} (a session's tuple object) when it is the same tuple. */
    public ConnectionStats stats(FlowState f, FourTuple known) {
        int clientDir = f.clientDir();
        InetAddress clientAddress = clientDir == 0 ? address(f.aHi, f.aLo) : address(f.bHi, f.bLo);
        InetAddress serverAddress = clientDir == 0 ? address(f.bHi, f.bLo) : address(f.aHi, f.aLo);
        int clientPort = clientDir == 0 ? f.aPort : f.bPort;
        int serverPort = clientDir == 0 ? f.bPort : f.aPort;
        // FourTuple#equals, field by field: the usual case (a session's own tuple) allocates nothing.
        FourTuple tuple = known != null && known.client().port() == clientPort
                && known.server().port() == serverPort && clientAddress.equals(known.client().address())
                && serverAddress.equals(known.server().address())
                ? known
                : new FourTuple(new Endpoint(clientAddress, clientPort), new Endpoint(serverAddress, serverPort));
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
        int mask = addresses.length - 1;
        int i = slot(hi, lo, mask);
        InetAddress a;
        while ((a = addresses[i]) != null) {
            if (his[i] == hi && los[i] == lo) {
                return a;
            }
            i = (i + 1) & mask;
        }
        a = FlowAddresses.toInetAddress(hi, lo);
        his[i] = hi;
        los[i] = lo;
        addresses[i] = a;
        if (++size * 2 > addresses.length) {
            grow();
        }
        return a;
    }

    private void grow() {
        long[] oldHis = his;
        long[] oldLos = los;
        InetAddress[] old = addresses;
        his = new long[old.length * 2];
        los = new long[old.length * 2];
        addresses = new InetAddress[old.length * 2];
        int mask = addresses.length - 1;
        for (int j = 0; j < old.length; j++) {
            if (old[j] != null) {
                int i = slot(oldHis[j], oldLos[j], mask);
                while (addresses[i] != null) {
                    i = (i + 1) & mask;
                }
                his[i] = oldHis[j];
                los[i] = oldLos[j];
                addresses[i] = old[j];
            }
        }
    }

    private static int slot(long hi, long lo, int mask) {
        long h = (lo ^ (hi * 0x9E37_79B9_7F4A_7C15L)) * 0xC2B2_AE3D_27D4_EB4FL;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
