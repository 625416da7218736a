package io.hoptrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.tracer.EventRecorder;
import io.hoptrace.tracer.Replay;
import io.hoptrace.tracer.SessionTable;
import io.hoptrace.tracer.TracedSession;
import io.hoptrace.tracer.Tracer;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The tracer's table against a real two-hop chain of hoptrace proxies, compared with the sockets themselves. */
class TracerFollowsChainTest {
    private static final int WORKERS = 4;

    @TempDir
    Path dir;

    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
    private final List<List<ClientConnection>> owned = new ArrayList<>();

    @AfterEach
    void stopClients() throws Exception {
        workers.shutdownNow();
        assertTrue(workers.awaitTermination(30, TimeUnit.SECONDS), "client threads still running");
        for (List<ClientConnection> list : owned) {
            for (ClientConnection c : list) {
                c.close();
            }
        }
    }

    @Test
    @Timeout(120)
    void tableEqualsTheSocketsAtEveryCheckpointAndReplayRebuildsIt() throws Exception {
        Path recording = dir.resolve("events.jsonl");
        SessionTable table = new SessionTable();
        try (Chain chain = Chain.start(dir, InetAddress.getByName("127.0.0.1"))) {
            GroundTruth truth = new GroundTruth(chain);
            for (int w = 0; w < WORKERS; w++) {
                owned.add(new ArrayList<>());
            }
            try (EventRecorder recorder = EventRecorder.open(recording, "hoptrace-it");
                    Tracer tracer = Tracer.start(chain.sources(), table, recorder)) {
                assertTrue(tracer.awaitSynced(Await.PATIENCE), () -> "not synced: " + tracer.stats());
                Await.matches("the empty chain", Await.PATIENCE, () -> truth.mismatch(table));
                // Each round, every worker opens connections and closes some of its earlier ones, all at once;
                // the last round closes all but one per worker. Between rounds the sockets are quiet: checkpoint.
                for (int round = 0; round < 4; round++) {
                    boolean last = round == 3;
                    List<Future<?>> done = new ArrayList<>();
                    for (int w = 0; w < WORKERS; w++) {
                        List<ClientConnection> mine = owned.get(w);
                        Random random = new Random(round * 131L + w);
                        String prefix = "r" + round + "w" + w + "c";
                        done.add(workers.submit(() -> {
                            for (int k = 0; k < 4; k++) {
                                ClientConnection c = chain.connect(prefix + k);
                                truth.opened(c);
                                mine.add(c);
                                if (k % 2 == 1 && mine.size() > 2) {
                                    close(truth, mine.remove(random.nextInt(mine.size() - 1)));
                                }
                            }
                            while (last && mine.size() > 1) {
                                close(truth, mine.remove(random.nextInt(mine.size())));
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : done) {
                        f.get(60, TimeUnit.SECONDS);
                    }
                    Await.matches("checkpoint " + round, Await.PATIENCE, () -> truth.mismatch(table));
                }
                assertEquals(WORKERS, table.openCount(Chain.EDGE));
                assertEquals(0, tracer.stats(Chain.EDGE).drops() + tracer.stats(Chain.MID).drops(),
                        "no drops expected with the default queue");
            }
            // The recorder has everything the tracer applied: replaying it gives the same table, open sessions
            // and closed (lingering) ones alike, all their fields.
            SessionTable replayed = new SessionTable();
            Replay.Result result = Replay.into(replayed, recording);
            assertTrue(result.records() > 0, "nothing recorded");
            assertEquals(sorted(table.sessions()), sorted(replayed.sessions()));
            assertNull(truth.mismatch(replayed), "the replayed table against the sockets");
        }
    }

    private static void close(GroundTruth truth, ClientConnection c) throws Exception {
        truth.closed(c);
        c.closeOrderly();
    }

    private static List<TracedSession> sorted(List<TracedSession> sessions) {
        List<TracedSession> s = new ArrayList<>(sessions);
        s.sort(Comparator.comparing(TracedSession::source).thenComparingLong(TracedSession::id));
        return s;
    }
}
