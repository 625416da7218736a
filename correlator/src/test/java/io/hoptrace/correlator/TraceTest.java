package io.hoptrace.correlator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hoptrace.events.FourTuple;
import io.hoptrace.events.SessionEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceTest {
    private static final ProxySession EDGE = new ProxySession("edge", 1,
            FourTuple.parse("10.0.0.5:1", "10.0.0.10:443"), FourTuple.parse("10.0.0.10:2", "10.0.0.20:80"),
            1_000, 2_000, null, null, null, SessionEvent.NONE, SessionEvent.NONE, null, false);
    private static final SessionRef REF = EDGE.ref();

    private static Hop hop(int index, FourTuple t) {
        return new Hop(index, t, List.of(REF), null);
    }

    @Test
    void uncapturedTraceTakesItsTimesFromTheSessions() {
        Trace t = new Trace(List.of(hop(0, EDGE.front()), hop(1, EDGE.back())),
                List.of(new ProxyDwell(EDGE, ProxyDwell.UNKNOWN, ProxyDwell.UNKNOWN)));
        assertEquals(1_000_000, t.startNanos());
        assertEquals(1_000_000, t.durationNanos());
        assertFalse(t.complete());
        assertEquals(EDGE.front().client(), t.origin());
        assertEquals(EDGE.back().server(), t.destination());
    }

    @Test
    void rejectsAHopCountThatDoesNotFitTheProxies() {
        assertThrows(IllegalArgumentException.class, () -> new Trace(List.of(hop(0, EDGE.front())),
                List.of(new ProxyDwell(EDGE, 0, 0))));
    }

    @Test
    void rejectsHopsOutOfOrder() {
        assertThrows(IllegalArgumentException.class, () -> new Trace(List.of(hop(1, EDGE.front()),
                hop(0, EDGE.back())), List.of(new ProxyDwell(EDGE, 0, 0))));
    }

    @Test
    void rejectsViaThatDoesNotNameTheSessionsAtTheHopsEnds() {
        Hop wrong = new Hop(1, EDGE.back(), List.of(new SessionRef("other", 1)), null);
        assertThrows(IllegalArgumentException.class, () -> new Trace(List.of(hop(0, EDGE.front()), wrong),
                List.of(new ProxyDwell(EDGE, 0, 0))));
    }

    @Test
    void rejectsATraceWithoutProxies() {
        assertThrows(IllegalArgumentException.class, () -> new Trace(List.of(hop(0, EDGE.front())), List.of()));
    }
}
