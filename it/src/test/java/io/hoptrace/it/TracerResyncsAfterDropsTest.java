package io.hoptrace.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.proxy.RuntimeOptions;
import io.hoptrace.tracer.SessionTable;
import io.hoptrace.tracer.SourceStats;
import io.hoptrace.tracer.Tracer;
import io.hoptrace.tracer.TracerOptions;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real hoptrace proxies whose subscriber queues are tiny drop events; the tracer resynchronises from them. */
class TracerResyncsAfterDropsTest {
    /**
     * Less than one full-mode event line (about 200 bytes): the dispatcher writes a batch of events and flushes it
     * once, so every line after the first of a batch finds the queue full and is dropped.
     */
    private static final long TINY_QUEUE_BYTES = 64;
    private static final int THREADS = 8;
    private static final int PER_THREAD = 4;
    private static final int MAX_BURSTS = 6;

    @TempDir
    Path dir;

    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    private final List<ClientConnection> clients = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopClients() throws Exception {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS), "client threads still running");
        for (ClientConnection c : clients) {
            c.close();
        }
    }

    @Test
    @Timeout(120)
    void droppedLinesFromARealProxyTriggerAResyncAndTheTableIsRightAfterwards() throws Exception {
        SessionTable table = new SessionTable();
        List<String> warnings = new CopyOnWriteArrayList<>();
        try (Chain chain = Chain.start(dir, InetAddress.getByName("127.0.0.1"),
                RuntimeOptions.defaults().withEventQueueBytes(TINY_QUEUE_BYTES));
                Tracer tracer = Tracer.start(chain.sources(), table, null,
                        TracerOptions.DEFAULT.withWarnings(warnings::add))) {
            GroundTruth truth = new GroundTruth(chain);
            assertTrue(tracer.awaitSynced(Await.PATIENCE), () -> "not synced: " + tracer.stats());
            // Bursts of connections opened at once, then half of them closed at once, until the tracer has been
            // told of drops; after every burst the table must match the sockets again.
            for (int burst = 0; burst < MAX_BURSTS && drops(tracer) == 0; burst++) {
                List<ClientConnection> opened = new CopyOnWriteArrayList<>();
                String prefix = "b" + burst + "t";
                run(t -> {
                    for (int k = 0; k < PER_THREAD; k++) {
                        ClientConnection c = chain.connect(prefix + t + "c" + k);
                        clients.add(c);
                        opened.add(c);
                        truth.opened(c);
                    }
                });
                run(t -> {
                    for (int k = t; k < opened.size(); k += THREADS) {
                        if (k % 2 == 0) {
                            truth.closed(opened.get(k));
                            opened.get(k).closeOrderly();
                        }
                    }
                });
                Await.matches("after burst " + burst, Await.PATIENCE, () -> truth.mismatch(table));
            }
            assertTrue(drops(tracer) > 0, () -> "no '! dropped' line in " + MAX_BURSTS + " bursts: "
                    + tracer.stats());
            for (SourceStats s : tracer.stats()) {
                if (s.drops() > 0) {
                    // The first snapshot is one resync; each gap adds one.
                    assertTrue(s.resyncs() >= 2, () -> s.name() + ": drops without a resync: " + s);
                    assertTrue(s.droppedEvents() >= s.drops(), () -> s.name() + ": " + s);
                }
            }
            // And once everything is closed, in one more burst of closes.
            run(t -> {
                for (int k = t; k < clients.size(); k += THREADS) {
                    ClientConnection c = clients.get(k);
                    if (!c.isClosed()) {
                        truth.closed(c);
                        c.closeOrderly();
                    }
                }
            });
            Await.matches("after closing everything", Await.PATIENCE, () -> truth.mismatch(table));
        }
    }

    private interface Work {
        void run(int thread) throws Exception;
    }

    /** Runs {@code work} on every thread at once and waits for all of them. */
    private void run(Work work) throws Exception {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            done.add(threads.submit(() -> {
                work.run(thread);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
    }

    private static long drops(Tracer tracer) {
        return tracer.stats().stream().mapToLong(SourceStats::drops).sum();
    }
}
