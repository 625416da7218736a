package io.hoptrace.correlator.internal.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.correlator.ChainScenario;
import io.hoptrace.correlator.TestEvents;
import io.hoptrace.correlator.TestPackets;
import io.hoptrace.events.EventRecord;
import io.hoptrace.events.FourTuple;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionMatcherTest {
    private static final long SECOND = 1_000_000_000L;

    private static MatchFixture chain(double shiftMs, long skew) {
        ChainScenario s = new ChainScenario();
        MatchFixture f = new MatchFixture().packets(s.allHops(new TestPackets(0))).events(s.events(shiftMs));
        f.match(skew);
        return f;
    }

    private static void assertMatched(MatchFixture f) {
        for (MatchedSession s : f.sessions) {
            assertNotNull(s.frontFlow(), s.session().ref() + " front");
            assertNotNull(s.backFlow(), s.session().ref() + " back");
        }
        assertSame(f.session("edge", 1).backFlow(), f.session("app", 7).frontFlow());
    }

    @Test
    void eventsOnTimeMatchBothConnections() {
        assertMatched(chain(0, 0));
    }

    @Test
    void eventsShiftedByLessThanMaxSkewMatch() {
        assertMatched(chain(800, SECOND));
        assertMatched(chain(-800, SECOND));
    }

    @Test
    void eventsLaterThanMaxSkewDoNotMatch() {
        MatchFixture f = chain(1_500, SECOND);
        for (MatchedSession s : f.sessions) {
            assertFalse(s.captured(), s.session().ref() + " should not match");
        }
    }

    @Test
    void eventsEarlierThanMaxSkewDoNotMatch() {
        MatchFixture f = chain(-1_500, SECOND);
        for (MatchedSession s : f.sessions) {
            assertFalse(s.captured(), s.session().ref() + " should not match");
        }
    }

    @Test
    void reusedTupleGoesToItsSessionsInTimeOrder() {
        ChainScenario first = new ChainScenario(0, 50_000, 1, 7);
        ChainScenario second = new ChainScenario(100, 50_000, 2, 8);
        TestPackets t = ChainScenario.packetsOf(first, second);
        // Log order must not matter when events have times.
        List<EventRecord> events = ChainScenario.eventsOf(0, second, first);
        MatchFixture f = new MatchFixture().packets(t).events(events);
        f.match(SECOND);
        assertEquals(0, f.session("edge", 1).frontFlow().instance());
        assertEquals(1, f.session("edge", 2).frontFlow().instance());
        assertEquals(0, f.session("app", 7).backFlow().instance());
        assertEquals(1, f.session("app", 8).backFlow().instance());
    }

    @Test
    void bareEventsMatchByTupleAlone() {
        assertMatched(chain(Double.NaN, SECOND));
    }

    @Test
    void bareEventsOfAReusedTupleMatchInLogOrder() {
        ChainScenario first = new ChainScenario(0, 50_000, 1, 7);
        ChainScenario second = new ChainScenario(100, 50_000, 2, 8);
        TestPackets t = ChainScenario.packetsOf(first, second);
        List<EventRecord> events = ChainScenario.eventsOf(Double.NaN, first, second);
        MatchFixture f = new MatchFixture().packets(t).events(events);
        f.match(SECOND);
        assertEquals(0, f.session("edge", 1).frontFlow().instance());
        assertEquals(0, f.session("edge", 1).backFlow().instance());
        assertEquals(1, f.session("edge", 2).frontFlow().instance());
        assertEquals(1, f.session("edge", 2).backFlow().instance());
        assertEquals(1, f.session("app", 8).backFlow().instance());
    }

    @Test
    void bareEventBetweenKnownNeighboursTakesTheInstanceBetweenThem() {
        // Three sessions of one proxy; the middle one's tuple was used twice (at 0 and 120 ms), its neighbours in
        // the log have unique tuples, connected at 100 and 150 ms. Events are in the order things happened, so the
        // middle session lies between them and gets the instance at 120 ms, not the earliest one.
        TestPackets t = new TestPackets(0);
        t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(0, 1).fin(5, true);
        t.conversation("10.0.0.6:50000", "10.0.0.10:443").handshake(100, 1);
        t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(120, 1);
        t.conversation("10.0.0.7:50000", "10.0.0.10:443").handshake(150, 1);
        List<EventRecord> events = List.of(
                TestEvents.open("edge", 1, "10.0.0.6:50000", "10.0.0.10:443", "10.0.0.10:1", "10.9.9.9:1",
                        Double.NaN),
                TestEvents.open("edge", 2, "10.0.0.5:50000", "10.0.0.10:443", "10.0.0.10:2", "10.9.9.9:1",
                        Double.NaN),
                TestEvents.open("edge", 3, "10.0.0.7:50000", "10.0.0.10:443", "10.0.0.10:3", "10.9.9.9:1",
                        Double.NaN));
        MatchFixture f = new MatchFixture().packets(t).events(events);
        f.match(0);
        assertEquals(1, f.session("edge", 2).frontFlow().instance());
        assertEquals(TestPackets.nanos(120), f.session("edge", 2).frontFlow().firstNanos());
    }

    @Test
    void failedSessionMatchesTheFrontConnectionAliveAtTheFailure() {
        TestPackets t = new TestPackets(0);
        t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(0, 1).request(2, 10).rst(3000, false);
        MatchFixture f = new MatchFixture().packets(t)
                .events(List.of(TestEvents.failed("edge", 4, "10.0.0.5:50000", "10.0.0.10:443", 3000)));
        f.match(SECOND);
        MatchedSession s = f.session("edge", 4);
        assertNotNull(s.frontFlow());
        assertNull(s.backFlow());
    }

    @Test
    void oneConnectionFrontsAtMostOneSession() {
        TestPackets t = new TestPackets(0);
        t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(0, 1).fin(50, true);
        MatchFixture f = new MatchFixture().packets(t).events(List.of(
                TestEvents.open("edge", 1, "10.0.0.5:50000", "10.0.0.10:443", "10.0.0.10:1", "10.9.9.9:1", 2),
                TestEvents.open("other", 1, "10.0.0.5:50000", "10.0.0.10:443", "10.0.0.10:2", "10.9.9.9:1", 3)));
        f.match(SECOND);
        assertTrue(f.session("edge", 1).captured());
        assertFalse(f.session("other", 1).captured());
    }

    @Test
    void explainedConnectionsAreTheMatchedOnes() {
        ChainScenario s = new ChainScenario();
        TestPackets t = s.allHops(new TestPackets(0));
        t.conversation("10.0.0.99:1234", "10.0.0.10:22").handshake(0, 1);
        MatchFixture f = new MatchFixture().packets(t).events(s.events(0));
        f.sessions = f.collector.sessions();
        SessionMatcher m = new SessionMatcher(f.table, SECOND);
        m.match(f.sessions);
        long explained = f.table.all().stream().filter(m::explained).count();
        assertEquals(3, explained);
        assertFalse(m.explained(f.table.instances(FourTuple.parse("10.0.0.99:1234", "10.0.0.10:22")).get(0)));
    }
}
