package io.hoptrace.correlator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.FourTuple;
import org.junit.jupiter.api.Test;

class ConnectionStatsTest {
    private static final FourTuple TUPLE = FourTuple.parse("10.0.0.5:50000", "10.0.0.10:443");
    private static final DirectionStats UP = new DirectionStats(3, 100, 10, 10, 0, 0);
    private static final DirectionStats DOWN = new DirectionStats(2, 50, 20, 20, 0, 0);

    private static ConnectionStats stats(boolean orientationKnown) {
        return new ConnectionStats(0, TUPLE, 0, 0, 30, UP, DOWN, 0, 1, 2, ConnectionEnd.FIN, Side.CLIENT,
                orientationKnown, 1);
    }

    @Test
    void handshakeRttIsSynToAck() {
        assertEquals(2, stats(true).handshakeRttNanos());
        assertEquals(10, stats(true).responseTimeNanos());
    }

    @Test
    void reversedSwapsEndsDirectionsAndSide() {
        ConnectionStats r = stats(false).reversed();
        assertEquals(TUPLE.reversed(), r.tuple());
        assertEquals(DOWN, r.up());
        assertEquals(Side.SERVER, r.endedBy());
    }

    @Test
    void orientedToFlipsOnlyAGuessedOrientation() {
        assertEquals(TUPLE.reversed(), stats(false).orientedTo(TUPLE.reversed()).tuple());
        ConnectionStats known = stats(true);
        assertSame(known, known.orientedTo(TUPLE.reversed()));
    }

    @Test
    void rejectsOpenEndWithASide() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectionStats(0, TUPLE, 0, 0, 30, UP, DOWN, 0, 1,
                2, ConnectionEnd.OPEN, Side.CLIENT, true, 1));
    }

    @Test
    void rejectsLastBeforeFirst() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectionStats(0, TUPLE, 0, 30, 10, UP, DOWN, 0,
                1, 2, ConnectionEnd.FIN, Side.CLIENT, true, 1));
    }

    @Test
    void rejectsUnixSocketTuple() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectionStats(0,
                new FourTuple(Endpoint.UNKNOWN, Endpoint.parse("10.0.0.1:1")), 0, 0, 1, UP, DOWN, -1, -1, -1,
                ConnectionEnd.OPEN, Side.NONE, false, 1));
    }
}
