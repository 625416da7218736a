package io.hoptrace.tracer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.EventRecord;
import io.hoptrace.events.SessionEvent;
import io.hoptrace.tracer.testing.Await;
import io.hoptrace.tracer.testing.ScriptedStatsServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class TracerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final TracerOptions FAST = TracerOptions.DEFAULT.withReconnect(Duration.ofMillis(20),
            Duration.ofMillis(200)).withWarnings(w -> { });

    @TempDir
    Path dir;
    private final List<AutoCloseable> closers = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closers.size() - 1; i >= 0; i--) {
            closers.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closing(T c) {
        closers.add(c);
        return c;
    }

    static SessionEvent.Open open(long id, String client) {
        return new SessionEvent.Open(id, Endpoint.parse(client), Endpoint.parse("10.0.0.10:443"),
                Endpoint.parse("10.0.0.10:" + (50000 + id)), Endpoint.parse("10.0.0.20:8443"), 1_795_000_000_000_000L,
                "web", "app", "s1", null, null);
    }

    @Test
    void awaitStartedNamesTheSocketThatCannotBeReached() throws Exception {
        String path = dir.resolve("missing.sock").toString();
        Tracer t = closing(Tracer.start(List.of(SourceSpec.parse("edge=" + path)), new SessionTable(), null, FAST));
        Map<String, String> failures = t.awaitStarted(WAIT);
        assertEquals(Map.of("edge", "cannot connect to edge (" + path + "): No such file or directory"), failures);
        assertFalse(t.stats("edge").connected());
    }

    @Test
    void aRefusedTcpConnectionIsOneClearLine() throws Exception {
        ScriptedStatsServer s = ScriptedStatsServer.tcp("edge");
        String address = s.address();
        s.close();
        Tracer t = closing(Tracer.start(List.of(SourceSpec.parse(address)), new SessionTable(), null, FAST));
        assertEquals(Map.of(address, "cannot connect to " + address + ": Connection refused"), t.awaitStarted(WAIT));
    }

    @Test
    void followsAProxyOnAUnixSocketAndDetectsItFromShowInfo() throws Exception {
        ScriptedStatsServer s = closing(ScriptedStatsServer.unix(dir.resolve("edge.sock"), "edge"));
        s.open(open(1, "10.0.0.5:40001"));
        SessionTable table = new SessionTable();
        Tracer t = closing(Tracer.start(List.of(SourceSpec.parse("edge=" + s.address())), table, null, FAST));
        assertTrue(t.awaitSynced(WAIT), () -> t.stats().toString());
        assertEquals(SourceKind.HOPTRACE, t.stats("edge").kind());
        assertEquals(List.of("show info", "show events full snapshot"), s.requests());
        assertEquals(1, table.byEndpoint(Endpoint.parse("10.0.0.5:40001")).size());
    }

    @Test
    void aSourceThatIsDownDoesNotStallTheOther() throws Exception {
        ScriptedStatsServer up = closing(ScriptedStatsServer.tcp("up"));
        Path downPath = dir.resolve("down.sock");
        SessionTable table = new SessionTable();
        Tracer t = closing(Tracer.start(List.of(SourceSpec.parse("down=" + downPath), SourceSpec.parse("up="
                + up.address())), table, null, FAST));
        Await.until(WAIT, () -> t.stats("up").synced(), () -> t.stats().toString());
        up.open(open(1, "10.0.0.5:40001"));
        Await.until(WAIT, () -> table.openCount("up") == 1, () -> t.stats().toString());
        assertFalse(t.stats("down").connected());
        assertTrue(t.stats("down").lastError().contains("No such file"), () -> t.stats().toString());

        ScriptedStatsServer down = closing(ScriptedStatsServer.unix(downPath, "down"));
        down.open(open(7, "10.0.0.6:40007"));
        assertTrue(t.awaitSynced(WAIT), () -> t.stats().toString());
        assertEquals(1, table.openCount("down"));
        assertEquals(1, table.openCount("up"));
    }

    @Test
    void theListenerReceivesEveryAppliedRecordNamedAfterItsSource() throws Exception {
        ScriptedStatsServer s = closing(ScriptedStatsServer.tcp("edge"));
        s.open(open(1, "10.0.0.5:40001"));
        List<EventRecord> seen = new CopyOnWriteArrayList<>();
        Tracer t = closing(Tracer.start(List.of(SourceSpec.parse("e1=" + s.address())), new SessionTable(),
                seen::add, FAST));
        assertTrue(t.awaitSynced(WAIT));
        s.close(new SessionEvent.Close(1, 1_795_000_000_100_000L, 1, 2, 3, "client-fin"));
        Await.until(WAIT, () -> seen.size() == 3, seen::toString);
        assertTrue(seen.stream().allMatch(r -> r.source().equals("e1")));
        assertEquals(1_795_000_000_100_000L, seen.get(2).tsMicros(), "full mode: the proxy's own time");
        assertEquals(3, t.stats("e1").events() + 1, "the snapshot marker is not a session event");
    }

    @Test
    void closeEndsTheSubscriptions() throws Exception {
        ScriptedStatsServer s = closing(ScriptedStatsServer.tcp("edge"));
        Tracer t = Tracer.start(List.of(SourceSpec.parse(s.address())), new SessionTable(), null, FAST);
        assertTrue(t.awaitSynced(WAIT));
        s.awaitSubscribers(1, WAIT);
        t.close();
        Await.until(WAIT, () -> s.subscriberCount() == 0, () -> s.requests().toString());
        assertFalse(t.stats(s.address()).connected());
    }

    @Test
    void rejectsTwoSourcesWithTheSameName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tracer.start(
                List.of(SourceSpec.parse("a=/x.sock"), SourceSpec.parse("a=/y.sock")), new SessionTable(), null));
        assertTrue(e.getMessage().contains("'a' twice"), e.getMessage());
    }

    @Test
    void rejectsAnEmptySourceList() {
        assertThrows(IllegalArgumentException.class, () -> Tracer.start(List.of(), new SessionTable(), null));
    }

    @Test
    void closedSessionsExpireAfterTheLingerTime() throws Exception {
        ScriptedStatsServer s = closing(ScriptedStatsServer.tcp("edge"));
        s.open(open(1, "10.0.0.5:40001"));
        SessionTable table = new SessionTable(Duration.ZERO);
        Tracer t = closing(Tracer.start(List.of(SourceSpec.parse("edge=" + s.address())), table, null, FAST));
        assertTrue(t.awaitSynced(WAIT));
        s.close(new SessionEvent.Close(1, SessionEvent.NONE, 1, 2, 3, "client-fin"));
        Await.until(WAIT, () -> table.get("edge", 1).isEmpty(), table::toString);
    }
}
