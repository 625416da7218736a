package io.hoptrace.correlator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.events.FourTuple;
import io.hoptrace.events.SessionEvent;
import org.junit.jupiter.api.Test;

class ProxySessionTest {
    private static final FourTuple FRONT = FourTuple.parse("10.0.0.5:1", "10.0.0.10:443");
    private static final FourTuple BACK = FourTuple.parse("10.0.0.10:2", "10.0.0.20:80");
    private static final long NONE = SessionEvent.NONE;

    @Test
    void timedWhenEitherTimeIsKnown() {
        assertTrue(new ProxySession("e", 1, FRONT, BACK, 5, NONE, null, null, null, NONE, NONE, null, false).timed());
        assertFalse(new ProxySession("e", 1, FRONT, BACK, NONE, NONE, null, null, null, NONE, NONE, null, false)
                .timed());
    }

    @Test
    void rejectsAFailedSessionWithABackTuple() {
        assertThrows(IllegalArgumentException.class,
                () -> new ProxySession("e", 1, FRONT, BACK, NONE, 5, null, null, null, NONE, NONE, null, true));
    }

    @Test
    void rejectsAnEstablishedSessionWithoutBackTuple() {
        assertThrows(IllegalArgumentException.class,
                () -> new ProxySession("e", 1, FRONT, null, 5, NONE, null, null, null, NONE, NONE, null, false));
    }

    @Test
    void rejectsAnEmptySource() {
        assertThrows(IllegalArgumentException.class,
                () -> new ProxySession("", 1, FRONT, BACK, 5, NONE, null, null, null, NONE, NONE, null, false));
    }

    @Test
    void rejectsNegativeTimes() {
        assertThrows(IllegalArgumentException.class,
                () -> new ProxySession("e", 1, FRONT, BACK, -5, NONE, null, null, null, NONE, NONE, null, false));
    }
}
