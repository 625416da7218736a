package io.hoptrace.tracer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.EventRecord;
import io.hoptrace.events.FourTuple;
import io.hoptrace.events.SessionEvent;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SessionTableTest {
    private static final long T0 = 1_795_000_000_000_000L;
    private final SessionTable table = new SessionTable(Duration.ofSeconds(60));

    static SessionEvent.Open open(long id, String client, String frontend, String backend, String server) {
        return new SessionEvent.Open(id, Endpoint.parse(client), Endpoint.parse(frontend), Endpoint.parse(backend),
                Endpoint.parse(server), SessionEvent.NONE, "web", "app", "s1", null, null);
    }

    private boolean apply(String source, long ts, SessionEvent e) {
        return table.apply(new EventRecord(source, ts, e));
    }

    private static Set<Long> ids(List<TracedSession> sessions) {
        return sessions.stream().map(TracedSession::id).collect(Collectors.toSet());
    }

    @Test
    void findsASessionByEachOfItsFourEndpoints() {
        apply("edge", T0, open(1, "10.0.0.5:50869", "10.0.0.10:443", "10.0.0.10:50870", "10.0.0.20:8443"));
        for (String e : List.of("10.0.0.5:50869", "10.0.0.10:443", "10.0.0.10:50870", "10.0.0.20:8443")) {
            assertEquals(Set.of(1L), ids(table.byEndpoint(Endpoint.parse(e))), e);
        }
        assertTrue(table.byEndpoint(Endpoint.parse("10.0.0.5:50870")).isEmpty());
        assertEquals(1, table.byEndpoint(Endpoint.parse("10.0.0.10:443"), TracedSession.Role.FRONTEND).size());
        assertTrue(table.byEndpoint(Endpoint.parse("10.0.0.10:443"), TracedSession.Role.CLIENT).isEmpty());
    }

    @Test
    void aSharedFrontendListsEverySessionAndForgetsEachOnExpiry() {
        for (long id = 1; id <= 100; id++) {
            apply("edge", T0, open(id, "10.0.0.5:" + (1000 + id), "10.0.0.10:443", "10.0.0.10:" + (2000 + id),
                    "10.0.0.20:8443"));
        }
        assertEquals(100, table.byEndpoint(Endpoint.parse("10.0.0.10:443")).size());
        for (long id = 1; id <= 100; id += 2) {
            apply("edge", T0 + 1, SessionEvent.Close.bare(id));
        }
        table.expire(T0 + 1 + Duration.ofSeconds(60).toNanos() / 1000);
        List<TracedSession> left = table.byEndpoint(Endpoint.parse("10.0.0.20:8443"), TracedSession.Role.SERVER);
        assertEquals(50, left.size());
        assertTrue(left.stream().allMatch(s -> s.id() % 2 == 0));
    }

    @Test
    void findsBothTuplesOfASessionInEitherOrientation() {
        apply("edge", T0, open(1, "10.0.0.5:50869", "10.0.0.10:443", "10.0.0.10:50870", "10.0.0.20:8443"));
        apply("edge", T0, open(2, "10.0.0.6:50869", "10.0.0.10:443", "10.0.0.10:50871", "10.0.0.20:8443"));
        FourTuple front = FourTuple.parse("10.0.0.5:50869", "10.0.0.10:443");
        FourTuple back = FourTuple.parse("10.0.0.10:50870", "10.0.0.20:8443");
        assertEquals(Set.of(1L), ids(table.byTuple(front)));
        assertEquals(Set.of(1L), ids(table.byTuple(front.reversed())));
        assertEquals(Set.of(1L), ids(table.byTuple(back)));
        assertEquals(Set.of(1L), ids(table.byTuple(back.reversed())));
        assertTrue(table.byTuple(FourTuple.parse("10.0.0.5:50869", "10.0.0.20:8443")).isEmpty());
    }

    @Test
    void aCloseKeepsTheSessionWithItsBytesDurationAndReason() {
        apply("edge", T0, open(1, "10.0.0.5:50869", "10.0.0.10:443", "10.0.0.10:50870", "10.0.0.20:8443"));
        assertTrue(apply("edge", T0 + 111_795, new SessionEvent.Close(1, SessionEvent.NONE, 517, 4120, 111_795,
                "client-fin")));
        TracedSession s = table.get("edge", 1).orElseThrow();
        assertEquals(TracedSession.State.CLOSED, s.state());
        assertEquals(T0, s.openMicros());
        assertEquals(T0 + 111_795, s.closeMicros());
        assertEquals(517, s.bytesIn());
        assertEquals(4120, s.bytesOut());
        assertEquals(111_795, s.durationUs());
        assertEquals("client-fin", s.term());
        assertEquals("web", s.frontendName());
        assertEquals(0, table.openCount());
        assertEquals(1, table.closedCount());
        assertEquals(1, table.byEndpoint(Endpoint.parse("10.0.0.5:50869")).size(), "lingers for late lookups");
    }

    @Test
    void aClosedSessionLingersUntilTheLingerTimeHasPassed() {
        apply("edge", T0, open(1, "10.0.0.5:50869", "10.0.0.10:443", "10.0.0.10:50870", "10.0.0.20:8443"));
        apply("edge", T0 + 10, SessionEvent.Close.bare(1));
        assertEquals(0, table.expire(T0 + 10 + 59_999_999));
        assertTrue(table.get("edge", 1).isPresent());
        assertEquals(1, table.expire(T0 + 10 + 60_000_000));
        assertFalse(table.get("edge", 1).isPresent());
        assertTrue(table.byEndpoint(Endpoint.parse("10.0.0.5:50869")).isEmpty());
        assertEquals(0, table.closedCount());
    }

    @Test
    void anOpenSessionNeverExpires() {
        apply("edge", T0, open(1, "10.0.0.5:50869", "10.0.0.10:443", "10.0.0.10:50870", "10.0.0.20:8443"));
        assertEquals(0, table.expire(Long.MAX_VALUE / 2));
        assertTrue(table.get("edge", 1).orElseThrow().isOpen());
    }

    @Test
    void aReusedIdReplacesTheLingeringSessionAndItsEndpoints() {
        apply("edge", T0, open(1, "10.0.0.5:50869", "10.0.0.10:443", "10.0.0.10:50870", "10.0.0.20:8443"));
        apply("edge", T0 + 1, SessionEvent.Close.bare(1));
        apply("edge", T0 + 2, open(1, "10.0.0.7:1", "10.0.0.10:443", "10.0.0.10:2", "10.0.0.20:8443"));
        assertTrue(table.get("edge", 1).orElseThrow().isOpen());
        assertTrue(table.byEndpoint(Endpoint.parse("10.0.0.5:50869")).isEmpty());
        assertEquals(1, table.byEndpoint(Endpoint.parse("10.0.0.7:1")).size());
        assertEquals(0, table.expire(T0 + 1 + 60_000_000), "the replaced entry left the expiry queue's count");
        assertTrue(table.get("edge", 1).isPresent());
    }

    @Test
    void aCloseOfAnUnknownOrClosedSessionChangesNothing() {
        assertFalse(apply("edge", T0, SessionEvent.Close.bare(9)));
        apply("edge", T0, open(1, "10.0.0.5:50869", "10.0.0.10:443", "10.0.0.10:50870", "10.0.0.20:8443"));
        apply("edge", T0 + 1, new SessionEvent.Close(1, SessionEvent.NONE, 1, 1, 1, "client-fin"));
        assertFalse(apply("edge", T0 + 2, new SessionEvent.Close(1, SessionEvent.NONE, 9, 9, 9, "lost")));
        assertEquals("client-fin", table.get("edge", 1).orElseThrow().term());
    }

    @Test
    void aFailedSessionIsFoundByItsClientAndLingers() {
        apply("edge", T0, new SessionEvent.Failed(3, Endpoint.parse("10.0.0.5:1"), Endpoint.parse("10.0.0.10:443"),
                SessionEvent.NONE, "web", "app", "connect-refused"));
        TracedSession s = table.byEndpoint(Endpoint.parse("10.0.0.5:1")).get(0);
        assertEquals(TracedSession.State.FAILED, s.state());
        assertEquals(Endpoint.UNKNOWN, s.backend());
        assertEquals("connect-refused", s.term());
        assertEquals(0, table.openCount());
        assertEquals(1, table.expire(T0 + 60_000_000));
    }

    @Test
    void sourcesAreSeparateNamespacesOfIds() {
        apply("a", T0, open(1, "10.0.0.5:1", "10.0.0.10:443", "10.0.0.10:2", "10.0.0.20:8443"));
        apply("b", T0, open(1, "10.0.0.20:3", "10.0.0.20:8443", "10.0.0.20:4", "10.0.0.30:80"));
        assertEquals(Endpoint.parse("10.0.0.5:1"), table.get("a", 1).orElseThrow().client());
        assertEquals(Endpoint.parse("10.0.0.20:3"), table.get("b", 1).orElseThrow().client());
        assertEquals(Set.of("a", "b"), table.sources());
        // 10.0.0.20:8443 is a's server and b's frontend: the hop between them
        assertEquals(Set.of("a", "b"), table.byEndpoint(Endpoint.parse("10.0.0.20:8443")).stream()
                .map(TracedSession::source).collect(Collectors.toSet()));
    }

    @Test
    void ipv6EndpointsAreFoundAndUnknownOnesAreNotIndexed() {
        apply("edge", T0, open(1, "[2001:db8::5]:50869", "[2001:db8::10]:443", "unknown", "unknown"));
        assertEquals(1, table.byEndpoint(Endpoint.parse("[2001:db8::5]:50869")).size());
        assertEquals(1, table.byTuple(FourTuple.parse("[2001:db8::10]:443", "[2001:db8::5]:50869")).size());
        assertTrue(table.byEndpoint(Endpoint.UNKNOWN).isEmpty());
        assertTrue(table.byEndpoint(Endpoint.parse("[2001:db8::6]:50869")).isEmpty());
        assertEquals(Endpoint.UNKNOWN, table.get("edge", 1).orElseThrow().server());
    }

    @Test
    void markersDoNotChangeTheTable() {
        assertFalse(apply("edge", T0, new SessionEvent.Dropped(3)));
        assertFalse(apply("edge", T0, new SessionEvent.Snapshot(0)));
        assertTrue(table.sessions().isEmpty());
    }

    @Test
    void theSameOpenTwiceIsOneSession() {
        SessionEvent.Open o = open(1, "10.0.0.5:1", "10.0.0.10:443", "10.0.0.10:2", "10.0.0.20:8443");
        assertTrue(apply("edge", T0, o));
        assertFalse(apply("edge", T0 + 5, o));
        assertEquals(1, table.byEndpoint(Endpoint.parse("10.0.0.10:443")).size());
        assertEquals(T0, table.get("edge", 1).orElseThrow().openMicros());
    }

    @Test
    void keepsOriginAndUniqueIdOfProxyProtocolSessions() {
        SessionEvent.Open o = new SessionEvent.Open(1, Endpoint.parse("10.0.0.5:1"), Endpoint.parse("10.0.0.10:443"),
                Endpoint.parse("10.0.0.10:2"), Endpoint.parse("10.0.0.20:8443"), T0, "web", "app", "s1",
                Endpoint.parse("192.0.2.1:4000"), "req-42 x");
        apply("edge", T0, o);
        TracedSession s = table.get("edge", 1).orElseThrow();
        assertEquals(Endpoint.parse("192.0.2.1:4000"), s.orig());
        assertEquals("req-42 x", s.uniqueId());
    }

    @Test
    void rejectsANegativeLinger() {
        assertThrows(IllegalArgumentException.class, () -> new SessionTable(Duration.ofSeconds(-1)));
    }
}
