package io.hoptrace.tracer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.EventRecord;
import io.hoptrace.events.EventRecordCodec;
import io.hoptrace.events.SessionEvent;
import io.hoptrace.tracer.testing.Await;
import io.hoptrace.tracer.testing.ScriptedStatsServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class EventRecorderTest {
    private static final long T0 = 1_795_000_000_000_000L;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    static SessionEvent.Open open(long id) {
        return new SessionEvent.Open(id, Endpoint.parse("10.0.0.5:" + (40000 + id)), Endpoint.parse("10.0.0.10:443"),
                Endpoint.parse("10.0.0.10:" + (50000 + id)), Endpoint.parse("10.0.0.20:8443"), T0 + id, "web", "app",
                "s1", null, null);
    }

    @Test
    void aNewRecordingStartsWithTheMetaLine() throws IOException {
        Path f = dir.resolve("rec.jsonl");
        try (EventRecorder r = EventRecorder.open(f, "hoptrace test")) {
            r.accept(new EventRecord("edge", T0, open(1)));
        }
        List<String> lines = Files.readAllLines(f);
        assertEquals(EventRecordCodec.metaLine("hoptrace test"), lines.get(0));
        assertEquals(EventRecordCodec.encode(new EventRecord("edge", T0, open(1))), lines.get(1));
        assertEquals(2, lines.size());
    }

    @Test
    void appendsToAnExistingRecordingWithoutASecondMetaLine() throws IOException {
        Path f = dir.resolve("rec.jsonl");
        try (EventRecorder r = EventRecorder.open(f, "hoptrace test")) {
            r.accept(new EventRecord("edge", T0, open(1)));
        }
        try (EventRecorder r = EventRecorder.open(f, "hoptrace test")) {
            r.accept(new EventRecord("edge", T0, open(2)));
        }
        List<String> lines = Files.readAllLines(f);
        assertEquals(3, lines.size());
        assertEquals(1, lines.stream().filter(l -> l.contains("\"meta\"")).count());
    }

    @Test
    void flushesWithinASecondWithoutBeingClosed() throws IOException {
        Path f = dir.resolve("rec.jsonl");
        try (EventRecorder r = EventRecorder.open(f, "hoptrace test")) {
            r.accept(new EventRecord("edge", T0, open(1)));
            Await.until(Duration.ofSeconds(3), () -> lines(f).size() == 2, () -> lines(f).toString());
        }
    }

    @Test
    void recordsAfterCloseAreCountedAsFailed() throws IOException {
        EventRecorder r = EventRecorder.open(dir.resolve("rec.jsonl"), "t");
        r.close();
        r.accept(new EventRecord("edge", T0, open(1)));
        assertEquals(1, r.failed());
        assertEquals(0, r.records());
    }

    @Test
    void refusesAFileInADirectoryThatDoesNotExist() {
        IOException e = assertThrows(IOException.class,
                () -> EventRecorder.open(dir.resolve("nope/rec.jsonl"), "t"));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void replayingARecordingRebuildsTheSameTable() throws Exception {
        Path f = dir.resolve("rec.jsonl");
        SessionTable live = new SessionTable();
        try (ScriptedStatsServer server = ScriptedStatsServer.tcp("edge");
             EventRecorder recorder = EventRecorder.open(f, "hoptrace test")) {
            server.open(open(1));
            server.open(open(2));
            server.open(open(3));
            try (Tracer tracer = Tracer.start(List.of(SourceSpec.parse("edge=" + server.address())), live, recorder,
                    TracerOptions.DEFAULT.withReconnect(Duration.ofMillis(20), Duration.ofMillis(200))
                            .withWarnings(w -> { }))) {
                assertTrue(tracer.awaitSynced(WAIT));
                server.close(new SessionEvent.Close(1, T0 + 50, 10, 20, 49, "client-fin"));
                server.dropForSubscribers(List.of(new SessionEvent.Close(2, T0 + 60, 1, 1, 1, "server-fin"),
                        open(4)));
                Await.until(WAIT, () -> live.get("edge", 4).isPresent() && live.get("edge", 2).map(s -> !s.isOpen())
                        .orElse(false), live::toString);
                server.open(open(5));
                Await.until(WAIT, () -> live.get("edge", 5).isPresent(), live::toString);
            }
            assertEquals(5, recorder.opens(), "1-3 from the first snapshot, 4 from the resync, 5 live");
            assertEquals(1, recorder.lost());
            assertEquals(1, recorder.drops());
        }

        List<String> lines = Files.readAllLines(f);
        assertEquals(EventRecordCodec.metaLine("hoptrace test"), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"type\":\"dropped\"") && l.contains("\"count\":2")));
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"term\":\"lost\"")));

        SessionTable replayed = new SessionTable();
        Replay.Result result = Replay.into(replayed, f);
        assertEquals(lines.size() - 1, result.records());
        Comparator<TracedSession> byId = Comparator.comparing(TracedSession::source)
                .thenComparingLong(TracedSession::id);
        assertEquals(live.sessions().stream().sorted(byId).toList(),
                replayed.sessions().stream().sorted(byId).toList());
        assertEquals(3, replayed.openCount(), "3, 4 and 5");
    }

    private static List<String> lines(Path f) {
        try {
            return Files.readAllLines(f);
        } catch (IOException e) {
            return List.of();
        }
    }
}
