package io.hoptrace.correlator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DirectionStatsTest {
    @Test
    void emptyHasNoPayload() {
        assertFalse(DirectionStats.EMPTY.hasPayload());
        assertTrue(new DirectionStats(1, 10, 5, 5, 0, 0).hasPayload());
    }

    @Test
    void rejectsNegativeCounts() {
        assertThrows(IllegalArgumentException.class, () -> new DirectionStats(-1, 0, -1, -1, 0, 0));
    }

    @Test
    void rejectsMoreRetransmissionsThanPackets() {
        assertThrows(IllegalArgumentException.class, () -> new DirectionStats(1, 10, 5, 5, 2, 10));
    }

    @Test
    void rejectsPayloadWithoutItsTimes() {
        assertThrows(IllegalArgumentException.class, () -> new DirectionStats(1, 10, -1, -1, 0, 0));
    }

    @Test
    void rejectsLastPayloadBeforeFirst() {
        assertThrows(IllegalArgumentException.class, () -> new DirectionStats(2, 10, 9, 5, 0, 0));
    }

    @Test
    void keepsCloseTimes() {
        DirectionStats d = new DirectionStats(2, 10, 5, 5, 0, 0, 7, 9);
        assertTrue(d.sentFin());
        assertTrue(d.sentRst());
        assertFalse(new DirectionStats(1, 10, 5, 5, 0, 0).sentFin());
    }

    @Test
    void rejectsNegativeCloseTime() {
        assertThrows(IllegalArgumentException.class, () -> new DirectionStats(1, 0, -1, -1, 0, 0, -5, -1));
    }

    @Test
    void rejectsCloseTimeWithoutPackets() {
        assertThrows(IllegalArgumentException.class, () -> new DirectionStats(0, 0, -1, -1, 0, 0, -1, 4));
    }
}
