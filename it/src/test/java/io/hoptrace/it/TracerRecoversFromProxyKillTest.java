package io.hoptrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.events.Endpoint;
import io.hoptrace.tracer.SessionTable;
import io.hoptrace.tracer.SourceStats;
import io.hoptrace.tracer.TracedSession;
import io.hoptrace.tracer.Tracer;
import io.hoptrace.tracer.TracerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mid proxy of a chain runs as {@code hoptrace proxy} in its own JVM and is killed (SIGKILL: no last events,
 * its socket file left behind), then started again on the same port and socket while the tracer runs.
 */
class TracerRecoversFromProxyKillTest {
    private static final int BEFORE = 5;
    private static final int AFTER = 3;
    /** The bound: after the restart, the table is right again within 2 s. */
    private static final Duration RECOVERY = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @RegisterExtension
    final ClientConnections clients = new ClientConnections();

    @Test
    @Timeout(120)
    void reconnectsToTheRestartedProxyAndClosesWhatDiedWithItAsLost() throws Exception {
        SessionTable table = new SessionTable();
        List<String> warnings = new CopyOnWriteArrayList<>();
        try (Chain chain = Chain.startWithMidProcess(dir);
                Tracer tracer = Tracer.start(chain.sources(), table, null,
                        TracerOptions.DEFAULT.withWarnings(warnings::add))) {
            GroundTruth truth = new GroundTruth(chain);
            assertTrue(tracer.awaitSynced(Await.PATIENCE), () -> "not synced: " + tracer.stats());
            List<ClientConnection> before = new ArrayList<>();
            for (int i = 0; i < BEFORE; i++) {
                ClientConnection c = clients.connect(chain, "before" + i);
                before.add(c);
                truth.opened(c);
            }
            Await.matches("before the kill", Await.PATIENCE, () -> truth.mismatch(table));
            List<Long> diedWithMid = table.sessions(Chain.MID).stream().map(TracedSession::id).toList();
            Set<Long> edgeIds = table.sessions(Chain.EDGE).stream().map(TracedSession::id)
                    .collect(Collectors.toSet());

            chain.killMid();
            chain.restartMid();
            // Reality now: the new mid has no session; the edge still has its five, half-closed by the FINs the
            // kernel sent for the dead process's sockets, until their clients close.
            Set<Endpoint> beforeClients = before.stream().map(ClientConnection::local).collect(Collectors.toSet());
            Await.matches("the tracer back in sync with the restarted mid", RECOVERY, () -> {
                SourceStats mid = tracer.stats(Chain.MID);
                if (!mid.synced() || mid.reconnects() < 1) {
                    return "mid source not resynchronised after a reconnect: " + mid;
                }
                if (table.openCount(Chain.MID) != 0) {
                    return "mid still has open sessions: " + table.sessions(Chain.MID);
                }
                for (long id : diedWithMid) {
                    Optional<TracedSession> s = table.get(Chain.MID, id);
                    if (s.isEmpty() || !"lost".equals(s.get().term())) {
                        return "mid session " + id + " is not closed as lost: " + s;
                    }
                }
                Set<Endpoint> edgeClients = table.sessions(Chain.EDGE).stream().filter(TracedSession::isOpen)
                        .map(TracedSession::client).collect(Collectors.toSet());
                return edgeClients.equals(beforeClients) ? null
                        : "edge open sessions' clients " + edgeClients + ", expected " + beforeClients;
            });
            assertEquals(BEFORE, tracer.stats(Chain.MID).lost());
            assertEquals(0, tracer.stats(Chain.EDGE).lost(), "the edge never went away");
            assertTrue(warnings.stream().anyMatch(w -> w.startsWith("mid: lost")), () -> "warnings: " + warnings);

            for (ClientConnection c : before) {
                truth.closed(c);
                c.drainAndClose(); // the edge passed the dead mid's FIN on
            }
            Await.matches("the old connections closed", Await.PATIENCE, () -> truth.mismatch(table));
            for (long id : edgeIds) {
                assertEquals("server-fin", table.get(Chain.EDGE, id).orElseThrow().term(),
                        "edge session " + id + ": the killed mid's side ended first, with a FIN");
            }

            for (int i = 0; i < AFTER; i++) {
                ClientConnection c = clients.connect(chain, "after" + i);
                truth.opened(c);
            }
            Await.matches("new connections through the restarted mid", Await.PATIENCE,
                    () -> truth.mismatch(table));
        }
    }
}
