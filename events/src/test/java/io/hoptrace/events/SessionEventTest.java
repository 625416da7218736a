package io.hoptrace.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SessionEventTest {
    private static final Endpoint A = Endpoint.parse("127.0.0.1:1");

    @Test
    void openExposesFrontAndBackTuples() {
        SessionEvent.Open o = SessionEvent.Open.bare(1, A, Endpoint.parse("127.0.0.1:2"),
                Endpoint.parse("127.0.0.1:3"), Endpoint.parse("127.0.0.1:4"));
        assertEquals(FourTuple.parse("127.0.0.1:1", "127.0.0.1:2"), o.front());
        assertEquals(FourTuple.parse("127.0.0.1:3", "127.0.0.1:4"), o.back());
    }

    @Test
    void rejectsNegativeId() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SessionEvent.Close.bare(-2));
        assertTrue(e.getMessage().startsWith("id:"));
    }

    @Test
    void rejectsNamesWithSpaces() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SessionEvent.Open(1, A, A, A, A, 1, "my frontend", null, null, null, null));
        assertTrue(e.getMessage().startsWith("fe:"), e.getMessage());
    }

    @Test
    void rejectsNegativeByteCounts() {
        assertThrows(IllegalArgumentException.class, () -> new SessionEvent.Close(1, 1, -5, 0, 0, null));
    }

    @Test
    void rejectsEmptyUniqueId() {
        assertThrows(IllegalArgumentException.class,
                () -> new SessionEvent.Open(1, A, A, A, A, 1, null, null, null, null, ""));
    }

    @Test
    void rejectsDroppedCountOfZero() {
        assertThrows(IllegalArgumentException.class, () -> new SessionEvent.Dropped(0));
    }

    @Test
    void withTsKeepsEverythingElse() {
        SessionEvent.Close c = new SessionEvent.Close(1, SessionEvent.NONE, 2, 3, 4, "client-fin");
        assertEquals(new SessionEvent.Close(1, 99, 2, 3, 4, "client-fin"), c.withTs(99));
    }
}
