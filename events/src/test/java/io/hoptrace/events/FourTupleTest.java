package io.hoptrace.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FourTupleTest {
    @Test
    void reversesEnds() {
        FourTuple t = FourTuple.parse("1.1.1.1:1", "2.2.2.2:2");
        assertEquals(FourTuple.parse("2.2.2.2:2", "1.1.1.1:1"), t.reversed());
        assertEquals("1.1.1.1:1 -> 2.2.2.2:2", t.toString());
    }

    @Test
    void isInetOnlyWhenBothEndsHaveAddresses() {
        assertTrue(FourTuple.parse("1.1.1.1:1", "2.2.2.2:2").isInet());
        assertFalse(new FourTuple(Endpoint.UNKNOWN, Endpoint.parse("2.2.2.2:2")).isInet());
    }

    @Test
    void rejectsNullEnds() {
        assertThrows(NullPointerException.class, () -> new FourTuple(null, Endpoint.UNKNOWN));
    }
}
