package io.hoptrace.correlator.internal.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.correlator.ProxySession;
import io.hoptrace.correlator.TestEvents;
import io.hoptrace.correlator.TestPackets;
import io.hoptrace.events.EventRecord;
import io.hoptrace.events.SessionEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionCollectorTest {
    private static List<ProxySession> collect(SessionCollector c, EventRecord... events) {
        for (EventRecord e : events) {
            c.add(e);
        }
        return c.sessions().stream().map(MatchedSession::session).toList();
    }

    @Test
    void openAndClosePairIntoOneSession() {
        List<ProxySession> s = collect(new SessionCollector(),
                TestEvents.open("edge", 1, "10.0.0.5:1", "10.0.0.10:443", "10.0.0.10:2", "10.0.0.20:80", 1),
                TestEvents.close("edge", 1, 5));
        assertEquals(1, s.size());
        assertEquals(TestPackets.micros(1), s.get(0).openMicros());
        assertEquals(TestPackets.micros(5), s.get(0).closeMicros());
        assertEquals(100, s.get(0).bytesIn());
        assertEquals("cD", s.get(0).term());
    }

    @Test
    void sameIdOfAnotherSourceIsAnotherSession() {
        List<ProxySession> s = collect(new SessionCollector(),
                TestEvents.open("edge", 1, "10.0.0.5:1", "10.0.0.10:443", "10.0.0.10:2", "10.0.0.20:80", 1),
                TestEvents.open("app", 1, "10.0.0.10:2", "10.0.0.20:80", "10.0.0.20:3", "10.0.0.30:80", 2),
                TestEvents.close("app", 1, 5));
        assertEquals(2, s.size());
        assertEquals(SessionEvent.NONE, s.get(0).closeMicros());
        assertEquals(TestPackets.micros(5), s.get(1).closeMicros());
    }

    @Test
    void snapshotReplayOfAnOpenSessionIsIgnored() {
        EventRecord open = TestEvents.open("edge", 1, "10.0.0.5:1", "10.0.0.10:443", "10.0.0.10:2", "10.0.0.20:80",
                1);
        List<ProxySession> s = collect(new SessionCollector(), open,
                TestEvents.open("edge", 1, "10.0.0.5:1", "10.0.0.10:443", "10.0.0.10:2", "10.0.0.20:80", 9));
        assertEquals(1, s.size());
        assertEquals(TestPackets.micros(1), s.get(0).openMicros());
    }

    @Test
    void reusedIdWithOtherTuplesIsANewSession() {
        List<ProxySession> s = collect(new SessionCollector(),
                TestEvents.open("edge", 1, "10.0.0.5:1", "10.0.0.10:443", "10.0.0.10:2", "10.0.0.20:80", 1),
                TestEvents.open("edge", 1, "10.0.0.6:1", "10.0.0.10:443", "10.0.0.10:3", "10.0.0.20:80", 9),
                TestEvents.close("edge", 1, 10));
        assertEquals(2, s.size());
        assertEquals(SessionEvent.NONE, s.get(0).closeMicros());
        assertEquals(TestPackets.micros(10), s.get(1).closeMicros());
    }

    @Test
    void failedEventIsASessionWithoutBackTuple() {
        List<ProxySession> s = collect(new SessionCollector(),
                TestEvents.failed("edge", 3, "10.0.0.5:1", "10.0.0.10:443", 4));
        assertTrue(s.get(0).failed());
        assertNull(s.get(0).back());
        assertEquals(TestPackets.micros(4), s.get(0).closeMicros());
        assertEquals("connect-refused", s.get(0).term());
    }

    @Test
    void droppedEventsAndOrphanClosesBecomeWarnings() {
        SessionCollector c = new SessionCollector();
        c.add(new EventRecord("edge", SessionEvent.NONE, new SessionEvent.Dropped(12)));
        c.add(TestEvents.close("edge", 99, 1));
        assertEquals(List.of(), c.sessions());
        assertEquals(2, c.events());
        List<String> w = c.warnings();
        assertEquals(2, w.size());
        assertTrue(w.get(0).contains("dropped 12 events"), w.get(0));
        assertTrue(w.get(1).contains("1 close event without an open"), w.get(1));
    }
}
