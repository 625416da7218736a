package io.hoptrace.tracer.internal.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.EventRecord;
import io.hoptrace.events.SessionEvent;
import io.hoptrace.tracer.SessionTable;
import io.hoptrace.tracer.SourceKind;
import io.hoptrace.tracer.SourceSpec;
import io.hoptrace.tracer.SourceStats;
import io.hoptrace.tracer.TracedSession;
import io.hoptrace.tracer.Tracer;
import io.hoptrace.tracer.TracerOptions;
import io.hoptrace.tracer.testing.Await;
import io.hoptrace.tracer.testing.ScriptedStatsServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The show-events protocol, against a scripted stats server speaking exactly the documented protocol. */
@Timeout(30)
class HoptraceFollowerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long T0 = 1_795_000_000_000_000L;

    private final List<EventRecord> records = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private ScriptedStatsServer server;
    private Tracer tracer;
    private SessionTable table;

    @AfterEach
    void stop() throws IOException {
        if (tracer != null) {
            tracer.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static SessionEvent.Open open(long id) {
        return new SessionEvent.Open(id, Endpoint.parse("10.0.0.5:" + (40000 + id)), Endpoint.parse("10.0.0.10:443"),
                Endpoint.parse("10.0.0.10:" + (50000 + id)), Endpoint.parse("10.0.0.20:8443"), T0 + id, "web", "app",
                "s1", null, null);
    }

    static SessionEvent.Close close(long id) {
        return new SessionEvent.Close(id, T0 + 1000 + id, 517, 4120, 1000, "client-fin");
    }

    private void follow(String spec) throws InterruptedException {
        table = new SessionTable();
        tracer = Tracer.start(List.of(SourceSpec.parse(spec)), table, records::add,
                TracerOptions.DEFAULT.withReconnect(Duration.ofMillis(20), Duration.ofMillis(200))
                        .withWarnings(warnings::add));
        assertTrue(tracer.awaitSynced(WAIT), () -> "not synced: " + tracer.stats());
    }

    private boolean isOpen(long id) {
        return table.get("edge", id).map(TracedSession::isOpen).orElse(false);
    }

    private String state() {
        return table.sessions() + " stats=" + tracer.stats() + " requests=" + server.requests();
    }

    @Test
    void snapshotThenStreamBuildsTheTable() throws Exception {
        server = ScriptedStatsServer.tcp("edge");
        server.open(open(1));
        server.open(open(2));
        follow("edge=" + server.address());
        assertTrue(isOpen(1) && isOpen(2), this::state);
        TracedSession one = table.get("edge", 1).orElseThrow();
        assertEquals(open(1).client(), one.client());
        assertEquals(open(1).server(), one.server());
        assertEquals("web", one.frontendName());
        assertEquals(T0 + 1, one.openMicros());

        server.open(open(3));
        server.close(close(1));
        Await.until(WAIT, () -> isOpen(3) && !isOpen(1), this::state);
        TracedSession closed = table.get("edge", 1).orElseThrow();
        assertEquals(517, closed.bytesIn());
        assertEquals(4120, closed.bytesOut());
        assertEquals(1000, closed.durationUs());
        assertEquals("client-fin", closed.term());
        assertEquals(List.of("open", "open", "snapshot", "open", "close"),
                records.stream().map(r -> type(r.event())).toList());
        assertEquals(SourceKind.HOPTRACE, tracer.stats("edge").kind());
    }

    @Test
    void aDroppedLineResubscribesWithASnapshotAndRepairsTheTable() throws Exception {
        server = ScriptedStatsServer.tcp("edge");
        server.open(open(1));
        server.open(open(2));
        follow("edge=" + server.address());

        server.dropForSubscribers(List.of(close(1), open(3)));
        Await.until(WAIT, () -> isOpen(3) && !isOpen(1), this::state);
        TracedSession lost = table.get("edge", 1).orElseThrow();
        assertEquals("lost", lost.term());
        assertTrue(isOpen(2), this::state);
        SourceStats stats = tracer.stats("edge");
        assertEquals(1, stats.drops());
        assertEquals(2, stats.droppedEvents());
        assertEquals(1, stats.lost());
        assertEquals(2, server.requests().stream().filter("show events full snapshot"::equals).count(),
                this::state);
        assertTrue(records.stream().anyMatch(r -> r.event() instanceof SessionEvent.Dropped d && d.count() == 2));
        assertEquals(2, table.openCount("edge"));
    }

    @Test
    void theServerGoingAwayAndComingBackReconnectsWithBackoffAndResyncs() throws Exception {
        server = ScriptedStatsServer.tcp("edge");
        server.open(open(1));
        server.open(open(2));
        follow("edge=" + server.address());

        server.stop();
        Await.until(WAIT, () -> !tracer.stats("edge").connected(), this::state);
        server.quietly(List.of(close(2), open(4)));
        server.start();

        Await.until(WAIT, () -> isOpen(4) && !isOpen(2) && tracer.stats("edge").synced(), this::state);
        assertEquals("lost", table.get("edge", 2).orElseThrow().term());
        assertTrue(isOpen(1), this::state);
        assertEquals(2, table.openCount("edge"));
        assertTrue(tracer.stats("edge").reconnects() >= 1, this::state);
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("edge: ")), warnings::toString);
    }

    @Test
    void malformedAndUnknownLinesAreCountedReportedAndLeaveTheTableAlone() throws Exception {
        server = ScriptedStatsServer.tcp("edge");
        server.open(open(1));
        follow("edge=" + server.address());

        server.sendRaw("+ 7 not-an-address 10.0.0.10:443 10.0.0.10:1 10.0.0.20:8443");
        server.sendRaw("? something new");
        server.sendRaw("- notanumber");
        server.sendRaw("+ 8 10.0.0.5:1");
        server.open(open(5));
        Await.until(WAIT, () -> isOpen(5), this::state);

        SourceStats stats = tracer.stats("edge");
        assertEquals(4, stats.malformed(), this::state);
        assertEquals("+ 8 10.0.0.5:1", stats.lastMalformed());
        assertEquals(2, table.openCount("edge"));
        assertFalse(table.get("edge", 7).isPresent());
        assertFalse(table.get("edge", 8).isPresent());
        assertTrue(isOpen(1));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("? something new")), warnings::toString);
        assertTrue(stats.connected() && stats.synced(), this::state);
    }

    @Test
    void theOriginalBareFormatStartsEmptyAndFillsFromTheStream() throws Exception {
        server = ScriptedStatsServer.originalPatch();
        server.open(open(1)); // established before the tracer came: the bare format cannot tell
        table = new SessionTable();
        tracer = Tracer.start(List.of(SourceSpec.parse("edge=" + server.address())), table, records::add,
                TracerOptions.DEFAULT.withWarnings(warnings::add));
        assertTrue(tracer.awaitSynced(WAIT), this::state);
        server.awaitSubscribers(1, WAIT);
        assertEquals(0, table.openCount("edge"));

        server.open(open(2));
        Await.until(WAIT, () -> isOpen(2), this::state);
        server.close(close(2));
        Await.until(WAIT, () -> table.get("edge", 2).map(s -> !s.isOpen()).orElse(false), this::state);
        TracedSession two = table.get("edge", 2).orElseThrow();
        assertEquals(SessionEvent.NONE, two.bytesIn(), "the bare format carries no bytes");
        assertEquals(open(2).backend(), two.backend());
        assertEquals(List.of("show info", "show events full snapshot", "show events"), server.requests());
        assertEquals(SourceKind.HOPTRACE, tracer.stats("edge").kind());
    }

    @Test
    void aSessionThatNeverReachedItsServerIsKeptAsFailed() throws Exception {
        server = ScriptedStatsServer.tcp("edge");
        follow("edge=" + server.address());
        server.sendRaw("x 9 10.0.0.9:40009 10.0.0.10:443 ts=1795000000000009 fe=web be=app term=connect-refused");
        Await.until(WAIT, () -> table.get("edge", 9).isPresent(), this::state);
        TracedSession s = table.get("edge", 9).orElseThrow();
        assertEquals(TracedSession.State.FAILED, s.state());
        assertEquals("connect-refused", s.term());
        assertEquals(1_795_000_000_000_009L, s.closeMicros());
        assertEquals(Endpoint.parse("10.0.0.9:40009"), s.client());
        assertEquals(1, tracer.stats("edge").failed());
    }

    @Test
    void anIdReusedWithOtherAddressesIsReportedLostThenOpenedAgain() throws Exception {
        server = ScriptedStatsServer.tcp("edge");
        server.open(open(1));
        follow("edge=" + server.address());
        server.stop();
        Await.until(WAIT, () -> !tracer.stats("edge").connected(), this::state);
        SessionEvent.Open reused = new SessionEvent.Open(1, Endpoint.parse("192.0.2.1:1234"),
                Endpoint.parse("10.0.0.10:443"), Endpoint.parse("10.0.0.10:60000"), Endpoint.parse("10.0.0.20:8443"),
                T0 + 99, "web", "app", "s1", null, null);
        server.quietly(List.of(close(1), reused));
        records.clear();
        server.start();

        Await.until(WAIT, () -> table.get("edge", 1).map(s -> s.client().equals(reused.client())).orElse(false),
                this::state);
        assertTrue(isOpen(1));
        assertEquals(List.of("close", "open", "snapshot"), records.stream().map(r -> type(r.event())).toList());
        assertEquals("lost", ((SessionEvent.Close) records.get(0).event()).term());
    }

    /** No listener: the stream is applied straight from the scanned lines, with the same table and counters. */
    @Test
    void withoutAListenerTheStreamIsAppliedAndCountedTheSame() throws Exception {
        server = ScriptedStatsServer.tcp("edge");
        server.open(open(1));
        table = new SessionTable();
        tracer = Tracer.start(List.of(SourceSpec.parse("edge=" + server.address())), table, null,
                TracerOptions.DEFAULT.withWarnings(warnings::add));
        assertTrue(tracer.awaitSynced(WAIT), this::state);

        server.open(open(2));
        server.close(close(1));
        server.sendRaw("- 2 ts=" + (T0 + 5000) + " term=lost");
        server.sendRaw("+ 8 10.0.0.5:1");
        server.sendRaw("x 9 10.0.0.9:40009 10.0.0.10:443 ts=" + (T0 + 9) + " fe=web term=connect-refused");
        Await.until(WAIT, () -> table.get("edge", 9).isPresent(), this::state);

        TracedSession one = table.get("edge", 1).orElseThrow();
        assertEquals(close(1).bytesOut(), one.bytesOut());
        assertEquals(T0 + 1000 + 1, one.closeMicros());
        assertEquals("client-fin", one.term());
        assertEquals(open(2).backend(), table.get("edge", 2).orElseThrow().backend());
        assertEquals(TracedSession.State.FAILED, table.get("edge", 9).orElseThrow().state());
        SourceStats stats = tracer.stats("edge");
        assertEquals(5, stats.events(), this::state);
        assertEquals(2, stats.opens());
        assertEquals(2, stats.closes());
        assertEquals(1, stats.lost());
        assertEquals(1, stats.failed());
        assertEquals(1, stats.malformed());
        assertEquals(0, table.openCount("edge"));
    }

    static String type(SessionEvent e) {
        if (e instanceof SessionEvent.Open) {
            return "open";
        } else if (e instanceof SessionEvent.Close) {
            return "close";
        } else if (e instanceof SessionEvent.Failed) {
            return "failed";
        } else if (e instanceof SessionEvent.Dropped) {
            return "dropped";
        }
        return "snapshot";
    }
}
