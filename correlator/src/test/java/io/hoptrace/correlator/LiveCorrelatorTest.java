package io.hoptrace.correlator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.events.EventRecord;
import io.hoptrace.events.FourTuple;
import io.hoptrace.events.SessionEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The live correlation on a controlled clock: records and packets go in at the times of a scenario (milliseconds
 * after {@link TestPackets#BASE_NANOS}), and traces must come out when, and only when, they are complete.
 */
class LiveCorrelatorTest {
    private static final Duration GRACE = Duration.ofSeconds(1);

    /** A live correlator whose clock the test sets, and the traces it reported. */
    private static final class Fixture {
        final List<Trace> traces = new ArrayList<>();
        long now = TestPackets.nanos(0);
        final LiveCorrelator live;

        Fixture(CorrelationOptions options, Duration grace) {
            live = new LiveCorrelator(options, grace, traces::add, () -> now);
        }

        Fixture() {
            this(CorrelationOptions.defaults(), GRACE);
        }

        /** Feeds records and packets in time order, polling after each, the clock at its time. */
        Fixture replay(List<EventRecord> records, List<TestPacket> packets) {
            List<Object[]> items = new ArrayList<>();
            for (EventRecord r : records) {
                items.add(new Object[] {r.tsMicros() * 1000, r});
            }
            for (TestPacket p : packets) {
                items.add(new Object[] {p.timestampNanos(), p});
            }
            items.sort(Comparator.comparingLong(i -> (Long) i[0]));
            for (Object[] i : items) {
                now = Math.max(now, (Long) i[0]);
                if (i[1] instanceof EventRecord r) {
                    live.offer(r);
                } else {
                    live.packet((Packet) i[1]);
                }
                live.poll();
            }
            return this;
        }

        Fixture at(double ms) {
            now = TestPackets.nanos(ms);
            live.poll();
            return this;
        }
    }

    private static Trace only(List<Trace> traces) {
        assertEquals(1, traces.size(), () -> "traces: " + traces);
        return traces.get(0);
    }

    @Test
    void reportsATraceOnlyOnceTheLastSessionClosedAndTheGracePeriodPassed() {
        ChainScenario s = new ChainScenario();
        Fixture f = new Fixture().replay(s.events(0), s.allHops(new TestPackets(0)).packets());
        assertEquals(List.of(), f.traces, "app closed at 31.5 ms: still in its grace period");
        f.at(31.5 + 999);
        assertEquals(List.of(), f.traces, "999 ms after the last close");
        f.at(31.5 + 1000);
        Trace t = only(f.traces);
        assertTrue(t.complete());
        assertEquals(3, t.hops().size());
        assertEquals(List.of(new SessionRef("edge", 1), new SessionRef("app", 7)),
                t.proxies().stream().map(ProxyDwell::ref).toList());
        for (Hop h : t.hops()) {
            assertEquals(300, h.connection().up().bytes(), () -> "request bytes of " + h);
            assertEquals(1000, h.connection().down().bytes(), () -> "response bytes of " + h);
            assertEquals(ConnectionEnd.FIN, h.connection().end());
        }
        assertEquals(500_000, t.proxies().get(0).requestDwellNanos());
    }

    @Test
    void reportsTheTraceABatchRunReportsForTheSameInput() throws Exception {
        ChainScenario s = new ChainScenario();
        List<TestPacket> packets = s.allHops(new TestPackets(0)).packets();
        Correlator batch = new Correlator(CorrelationOptions.defaults());
        s.events(0).forEach(batch::addEvent);
        batch.addPacketSource(new ListPacketSource("lo", packets));
        Trace expected = only(batch.run().traces());

        Fixture f = new Fixture().replay(s.events(0), packets).at(2000);
        assertEquals(expected, only(f.traces));
    }

    @Test
    void forgetsTheSessionsAndConnectionsOfAReportedTrace() {
        ChainScenario s = new ChainScenario();
        Fixture f = new Fixture().replay(s.events(0), s.allHops(new TestPackets(0)).packets());
        assertEquals(2, f.live.pendingSessions());
        assertEquals(3, f.live.liveConnections());
        f.at(2000);
        only(f.traces);
        assertEquals(0, f.live.pendingSessions());
        assertEquals(0, f.live.liveConnections());
    }

    @Test
    void memoryFollowsWhatIsLiveOverManyTraces() {
        Fixture f = new Fixture(CorrelationOptions.defaults(), Duration.ofMillis(50));
        int maxSessions = 0;
        int maxConnections = 0;
        for (int i = 0; i < 200; i++) {
            ChainScenario s = new ChainScenario(i * 100.0, 20_000 + i, 1 + i, 10_000 + i);
            f.replay(s.events(0), s.allHops(new TestPackets(0)).packets());
            maxSessions = Math.max(maxSessions, f.live.pendingSessions());
            maxConnections = Math.max(maxConnections, f.live.liveConnections());
        }
        f.at(200 * 100.0 + 1000);
        assertEquals(200, f.traces.size());
        assertTrue(f.traces.stream().allMatch(Trace::complete));
        assertTrue(maxSessions <= 4, "sessions waiting at most: " + maxSessions);
        assertTrue(maxConnections <= 6, "connections tracked at most: " + maxConnections);
        assertEquals(0, f.live.pendingSessions());
        assertEquals(0, f.live.liveConnections());
        assertEquals(0, f.live.queuedRecords());
    }

    @Test
    void aChainWithASessionStillOpenWaitsForIt() {
        ChainScenario s = new ChainScenario();
        List<EventRecord> events = s.events(0);
        EventRecord appClose = events.remove(3);
        Fixture f = new Fixture().replay(events, s.allHops(new TestPackets(0)).packets()).at(60_000);
        assertEquals(List.of(), f.traces, "edge closed a minute ago, app is still open");
        assertEquals(2, f.live.pendingSessions());
        f.live.offer(appClose);
        f.at(60_000);
        assertEquals(List.of(), f.traces, "app just closed");
        f.at(61_000);
        assertTrue(only(f.traces).complete());
    }

    @Test
    void aSessionWithoutCapturedPacketsIsReportedAndListedInTheSummary() {
        ChainScenario s = new ChainScenario();
        Fixture f = new Fixture().replay(s.events(0), List.of()).at(2000);
        Trace t = only(f.traces);
        assertEquals(3, t.hops().size());
        assertTrue(t.hops().stream().noneMatch(Hop::captured));
        CorrelationReport summary = f.live.finish(true);
        assertEquals(2, summary.uncapturedSessions().size());
        assertEquals(2, summary.counts().uncapturedSessions());
        assertEquals(1, summary.counts().traces());
        assertEquals(List.of(), summary.traces());
    }

    @Test
    void aConnectionNoSessionClaimsIsDroppedAsUnexplained() {
        TestPackets t = new TestPackets(0);
        t.conversation("10.0.0.99:40000", "10.0.0.10:22").handshake(0, 1).request(2, 50).fin(3, true);
        Fixture f = new Fixture().replay(List.of(), t.packets());
        assertEquals(1, f.live.liveConnections());
        f.at(3.2 + 1000); // ended, but a session might still arrive within the grace period and the skew
        assertEquals(1, f.live.liveConnections());
        f.at(3.2 + 2000 + 1001); // past grace + skew, and a sweep (once a second) has run since
        assertEquals(0, f.live.liveConnections());
        CorrelationReport summary = f.live.finish(true);
        assertEquals(List.of(FourTuple.parse("10.0.0.99:40000", "10.0.0.10:22")),
                summary.unexplainedFlows().stream().map(ConnectionStats::tuple).toList());
        assertEquals(1, summary.counts().unexplainedConnections());
        assertEquals(List.of(), f.traces);
    }

    @Test
    void anOpenConnectionOfAWaitingSessionIsKept() {
        ChainScenario s = new ChainScenario();
        TestPackets t = new TestPackets(0);
        s.hop(t, 0);
        List<EventRecord> events = s.events(0).subList(0, 1); // edge open, never closed
        Fixture f = new Fixture().replay(events, t.packets()).at(120_000);
        assertEquals(1, f.live.liveConnections(), "the session that wants it is still open");
        assertEquals(1, f.live.pendingSessions());
    }

    @Test
    void aFailedSessionIsReportedAfterTheGracePeriod() {
        Fixture f = new Fixture().replay(List.of(TestEvents.failed("edge", 3, "10.0.0.5:50000", "10.0.0.10:443", 5)),
                List.of()).at(5 + 999);
        assertEquals(List.of(), f.traces);
        f.at(5 + 1000);
        Trace t = only(f.traces);
        assertTrue(t.failed());
        assertEquals(1, t.hops().size());
    }

    @Test
    void finishReportsChainsStillOpenWhenAsked() {
        ChainScenario s = new ChainScenario();
        List<EventRecord> events = s.events(0).subList(0, 2); // both open
        Fixture f = new Fixture().replay(events, s.allHops(new TestPackets(0)).packets());
        CorrelationReport summary = f.live.finish(true);
        Trace t = only(f.traces);
        assertEquals(3, t.hops().size());
        assertTrue(t.complete());
        assertTrue(t.proxies().stream().allMatch(d -> d.session().closeMicros() == -1), "open-ended sessions");
        assertEquals(List.of(), summary.warnings());
        assertEquals(List.of(), summary.unexplainedFlows());
        assertEquals(0, f.live.pendingSessions());
        assertEquals(0, f.live.liveConnections());
    }

    @Test
    void finishWithoutReportingOpenChainsSaysHowManySessionsWereLeft() {
        ChainScenario s = new ChainScenario();
        Fixture f = new Fixture().replay(s.events(0).subList(0, 2), s.allHops(new TestPackets(0)).packets());
        CorrelationReport summary = f.live.finish(false);
        assertEquals(List.of(), f.traces);
        assertEquals(List.of("2 sessions were still open (or had just closed) when tracing stopped: not reported"),
                summary.warnings());
        assertEquals(List.of(), summary.unexplainedFlows(), "their connections are not unexplained");
        assertEquals(0, f.live.pendingSessions());
        assertEquals(0, f.live.liveConnections());
    }

    @Test
    void theFollowFilterSelectsTheReportedTraces() {
        ChainScenario a = new ChainScenario(0, 50_000, 1, 7);
        ChainScenario b = new ChainScenario(0, 51_000, 2, 8);
        List<EventRecord> events = new ArrayList<>(a.events(0));
        events.addAll(b.events(0));
        TestPackets packets = b.allHops(a.allHops(new TestPackets(0)));
        Fixture f = new Fixture(CorrelationOptions.defaults().withFollow(FollowFilter.parse("app:8")), GRACE)
                .replay(events, packets.packets()).at(2000);
        assertEquals(new SessionRef("app", 8), only(f.traces).proxies().get(1).ref());
        CorrelationReport summary = f.live.finish(true);
        assertEquals(2, summary.counts().traces());
        assertEquals(0, f.live.pendingSessions());
        assertEquals(0, f.live.liveConnections());
    }

    @Test
    void aDroppedEventsRecordBecomesAWarning() {
        Fixture f = new Fixture();
        f.live.offer(new EventRecord("edge", TestPackets.micros(1), new SessionEvent.Dropped(12)));
        f.at(1);
        List<String> warnings = f.live.finish(true).warnings();
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("edge: the proxy dropped 12 events"), warnings.get(0));
    }

    @Test
    @Timeout(10)
    void recordsMayBeOfferedFromOtherThreads() throws InterruptedException {
        ChainScenario s = new ChainScenario();
        Fixture f = new Fixture();
        Thread edge = new Thread(() -> s.edgeEvents(0).forEach(f.live::offer));
        Thread app = new Thread(() -> s.appEvents(0).forEach(f.live::offer));
        edge.start();
        app.start();
        edge.join();
        app.join();
        assertEquals(4, f.live.queuedRecords());
        f.at(0);
        assertEquals(0, f.live.queuedRecords());
        assertEquals(2, f.live.pendingSessions());
        f.at(1000);
        assertEquals(2, only(f.traces).proxies().size());
    }

    @Test
    void aFinishedCorrelationRefusesMoreWork() {
        Fixture f = new Fixture();
        f.live.finish(true);
        assertThrows(IllegalStateException.class, f.live::poll);
    }

    @Test
    void rejectsANegativeGracePeriod() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LiveCorrelator(CorrelationOptions.defaults(), Duration.ofMillis(-1), t -> { }));
        assertTrue(e.getMessage().startsWith("grace: expected a duration from 0 to 10 minutes, got"), e.getMessage());
    }

    @Test
    void anIdReusedWhileStillOpenEndsTheEarlierSession() {
        Fixture f = new Fixture();
        f.live.offer(TestEvents.open("edge", 1, "10.0.0.5:50000", "10.0.0.10:443", "10.0.0.10:50001",
                "10.0.0.20:80", 1));
        f.at(1);
        f.live.offer(TestEvents.open("edge", 1, "10.0.0.6:50000", "10.0.0.10:443", "10.0.0.10:50002",
                "10.0.0.20:80", 2));
        f.at(2);
        f.at(1002);
        Trace t = only(f.traces);
        assertEquals(FourTuple.parse("10.0.0.5:50000", "10.0.0.10:443"), t.hops().get(0).tuple());
        assertNull(t.proxies().get(0).session().term(), "ended without a close of its own");
        assertEquals(1, f.live.pendingSessions(), "the new session is open");
    }
}
