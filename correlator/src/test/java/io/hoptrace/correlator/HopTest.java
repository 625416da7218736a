package io.hoptrace.correlator;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hoptrace.events.FourTuple;
import java.util.List;
import org.junit.jupiter.api.Test;

class HopTest {
    private static final FourTuple TUPLE = FourTuple.parse("10.0.0.5:1", "10.0.0.10:443");

    @Test
    void rejectsAHopWithoutSessions() {
        assertThrows(IllegalArgumentException.class, () -> new Hop(0, TUPLE, List.of(), null));
    }

    @Test
    void rejectsMoreThanTwoSessions() {
        SessionRef r = new SessionRef("a", 1);
        assertThrows(IllegalArgumentException.class, () -> new Hop(0, TUPLE, List.of(r, r, r), null));
    }

    @Test
    void rejectsAConnectionOfAnotherTuple() {
        ConnectionStats other = new ConnectionStats(0, TUPLE.reversed(), 0, 0, 1, DirectionStats.EMPTY,
                DirectionStats.EMPTY, -1, -1, -1, ConnectionEnd.OPEN, Side.NONE, true, 1);
        assertThrows(IllegalArgumentException.class,
                () -> new Hop(0, TUPLE, List.of(new SessionRef("a", 1)), other));
    }

    @Test
    void rejectsNegativeIndex() {
        assertThrows(IllegalArgumentException.class, () -> new Hop(-1, TUPLE, List.of(new SessionRef("a", 1)), null));
    }
}
