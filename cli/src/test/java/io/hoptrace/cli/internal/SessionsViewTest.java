package io.hoptrace.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.SessionEvent;
import io.hoptrace.tracer.SourceKind;
import io.hoptrace.tracer.SourceStats;
import io.hoptrace.tracer.TracedSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionsViewTest {
    private static final long T0 = 1_795_673_662_000_000L;

    static SourceStats stats(String name, long opens, long closes, boolean synced, String error) {
        return new SourceStats(name, "/run/" + name + ".sock", SourceKind.HOPTRACE, synced, synced, opens + closes,
                opens, closes, 0, 0, 0, 0, 0, 1, 0, (int) (opens - closes), error, null);
    }

    static TracedSession session(long id, long openMicros, boolean open) {
        return new TracedSession("edge", id, open ? TracedSession.State.OPEN : TracedSession.State.CLOSED,
                Endpoint.parse("10.0.0.5:" + (40000 + id)), Endpoint.parse("10.0.0.10:443"),
                Endpoint.parse("10.0.0.10:" + (50000 + id)), Endpoint.parse("10.0.0.20:8443"), "web", "app", "s1",
                null, null, openMicros, open ? SessionEvent.NONE : openMicros + 1_000_000, open ? SessionEvent.NONE : 5,
                open ? SessionEvent.NONE : 7, open ? SessionEvent.NONE : 1_000_000, open ? null : "client-fin");
    }

    @Test
    void showsRatesSinceThePreviousScreen() {
        SessionsView view = new SessionsView();
        view.render("t", List.of(stats("edge", 10, 4, true, null)), List.of(), T0, 1_000_000_000L, 0, 0);
        String screen = view.render("t", List.of(stats("edge", 30, 14, true, null),
                stats("mid", 0, 0, false, "cannot connect to mid (/run/mid.sock): Connection refused")), List.of(),
                T0 + 2_000_000, 3_000_000_000L, 0, 0);
        List<String> lines = screen.lines().toList();
        assertEquals("SOURCE  STATE  LIVE  OPENS/S  CLOSES/S  GAPS  RECONNECTS  MALFORMED  LAST ERROR", lines.get(2));
        assertEquals("edge    live   16    10.0     5.0       0     0           0", lines.get(3));
        assertTrue(lines.get(4).startsWith("mid     down"), lines.get(4));
        assertTrue(lines.get(4).endsWith("cannot connect to mid (/run/mid.sock): Connection refused"), lines.get(4));
    }

    @Test
    void listsLiveSessionsOldestFirstThenTheLatestClosed() {
        List<TracedSession> sessions = List.of(session(3, T0 + 3_000_000, true), session(1, T0, true),
                session(2, T0 + 1_000_000, false));
        String screen = new SessionsView().render("t", List.of(stats("edge", 3, 1, true, null)), sessions,
                T0 + 10_000_000, 1, 0, 0);
        List<String> lines = screen.lines().toList();
        int live = lines.indexOf("LIVE 2");
        assertTrue(lines.get(live + 2).startsWith("edge    1   10s"), screen);
        assertTrue(lines.get(live + 3).startsWith("edge    3   7s"), screen);
        int closed = lines.indexOf("RECENTLY CLOSED 1");
        assertTrue(lines.get(closed + 2).contains("5/7"), screen);
        assertTrue(lines.get(closed + 2).endsWith("client-fin"), screen);
    }

    @Test
    void fitsATerminalOfGivenRowsAndColumns() {
        List<TracedSession> sessions = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sessions.add(session(i, T0 + i, true));
        }
        String screen = new SessionsView().render("t", List.of(stats("edge", 200, 0, true, null)), sessions,
                T0 + 10_000_000, 1, 24, 60);
        assertTrue(screen.lines().count() <= 24, screen);
        assertTrue(screen.lines().allMatch(l -> l.length() <= 60), screen);
        assertTrue(screen.contains("LIVE 200 (oldest"), screen);
    }

    @Test
    void printsDurationsAsTyped() {
        assertEquals("500ms", SessionsView.duration(Duration.ofMillis(500)));
        assertEquals("1s", SessionsView.duration(Duration.ofSeconds(1)));
        assertEquals("1.5s", SessionsView.duration(Duration.ofMillis(1500)));
        assertEquals("2m", SessionsView.duration(Duration.ofMinutes(2)));
    }
}
