package io.hoptrace.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.events.EventLineParser;
import io.hoptrace.events.SessionEvent;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code show events}: snapshots, slow subscribers, modes. */
@Timeout(60)
class ShowEventsIntegrationTest {
    @TempDir
    Path dir;
    private ProxyRuntime runtime;
    private TestServer echo;

    @AfterEach
    void stop() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
        if (echo != null) {
            echo.close();
        }
    }

    private ProxyServer start(RuntimeOptions options) throws Exception {
        echo = TestServer.echo();
        runtime = ProxyRuntime.create(options);
        return runtime.start(TestConfigs.proxy("p").unixStats(dir.resolve("p.sock"), StatsLevel.ADMIN)
                .frontend("web", "app").backend("app", echo.address()).build());
    }

    @Test
    void snapshotReplaysExactlyTheLiveSessionsWhileOthersOpenAndClose() throws Exception {
        ProxyServer proxy = start(RuntimeOptions.defaults().withIoThreads(2));
        SocketAddress stats = proxy.statsAddresses().get(0);
        InetSocketAddress web = proxy.frontendAddress("web");
        List<Socket> held = new ArrayList<>();
        ExecutorService churn = Executors.newFixedThreadPool(2);
        AtomicBoolean churning = new AtomicBoolean(true);
        AtomicInteger churned = new AtomicInteger();
        try (StatsClient oracle = TestTraffic.subscribe(stats, "full")) {
            for (int i = 0; i < 30; i++) {
                Socket s = new Socket(web.getAddress(), web.getPort());
                s.getOutputStream().write(1);
                s.getInputStream().read(); // echoed: the session is established
                held.add(s);
            }
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                workers.add(churn.submit(() -> {
                    for (int i = 0; i < 5_000 && churning.get(); i++) {
                        TestTraffic.echoOnce(web, 10);
                        churned.incrementAndGet();
                    }
                    return null;
                }));
            }
            Await.until("50 sessions churned", () -> churned.get() >= 50);
            try (StatsClient late = StatsClient.connect(stats)) {
                late.send("show events full snapshot");
                List<String> snapshot = late.until(l -> l.startsWith("# snapshot"));
                Await.until("150 sessions churned", () -> churned.get() >= 150);
                churning.set(false);
                for (Future<?> w : workers) {
                    w.get();
                }
                for (Socket s : held) {
                    s.close();
                }
                int sessions = 30 + churned.get();
                List<String> all = oracleLines(oracle, sessions);
                String last = all.get(all.size() - 1);
                List<String> live = late.until(last::equals);

                // The live part is exactly the oracle's stream from some point k on ...
                int k = all.size() - live.size();
                assertTrue(k >= 0, "late subscriber got more events than the oracle");
                assertEquals(all.subList(k, all.size()), live, "live events after the snapshot");
                // ... and the snapshot is exactly the sessions open at k, as their + lines, then the count.
                Set<String> expected = openAt(all.subList(0, k));
                List<String> replayed = snapshot.subList(0, snapshot.size() - 1);
                assertEquals(expected, new HashSet<>(replayed), "snapshot replay");
                assertEquals(replayed.size(), expected.size(), "no session replayed twice");
                assertEquals("# snapshot " + expected.size(), snapshot.get(snapshot.size() - 1));
                assertTrue(expected.size() >= 30, "the held sessions are in the snapshot");
            }
        } finally {
            churning.set(false);
            churn.shutdownNow();
            for (Socket s : held) {
                s.close();
            }
        }
    }

    /** The oracle's event lines until every one of {@code sessions} sessions has ended. */
    private static List<String> oracleLines(StatsClient oracle, int sessions) {
        List<String> lines = new ArrayList<>();
        int ends = 0;
        while (ends < sessions) {
            String l = oracle.next();
            lines.add(l);
            if (l.startsWith("- ")) {
                ends++;
            }
        }
        return lines;
    }

    /** The + lines of sessions opened and not closed in {@code prefix}. */
    private static Set<String> openAt(List<String> prefix) {
        EventLineParser parser = new EventLineParser();
        Map<Long, String> open = new HashMap<>();
        for (String l : prefix) {
            SessionEvent e = parser.parse(l);
            if (e instanceof SessionEvent.Open o) {
                open.put(o.id(), l);
            } else if (e instanceof SessionEvent.Close c) {
                open.remove(c.id());
            }
        }
        return new HashSet<>(open.values());
    }

    @Test
    void aSubscriberThatDoesNotReadLosesEventsButNeverSlowsTheProxy() throws Exception {
        long queue = 4096;
        ProxyServer proxy = start(RuntimeOptions.defaults().withIoThreads(2).withEventQueueBytes(queue));
        SocketAddress stats = proxy.statsAddresses().get(0);
        InetSocketAddress web = proxy.frontendAddress("web");
        try (StatsClient slow = StatsClient.connectNotReading(stats)) {
            slow.send("show events full");
            Await.until("subscribed", () -> StatsClient.info(stats, "EventSubscribers") == 1);
            int sessions = 0;
            // Traffic keeps completing while the subscriber's kernel buffer and then its queue fill up.
            while (StatsClient.info(stats, "EventsDropped") == 0) {
                assertTrue(sessions < 20_000, "no events dropped after " + sessions + " sessions");
                for (int i = 0; i < 100; i++) {
                    TestTraffic.echoOnce(web, 10);
                }
                sessions += 100;
            }
            for (int i = 0; i < 100; i++) {
                TestTraffic.echoOnce(web, 10);
            }
            sessions += 100;
            int total = sessions;
            Await.until("all sessions ended", () -> StatsClient.info(stats, "CumConns") == total + 0L
                    && StatsClient.info(stats, "CurrConns") == 0);
            long dropped = StatsClient.info(stats, "EventsDropped");
            long peak = StatsClient.info(stats, "EventQueuePeakBytes");
            assertTrue(peak <= queue + 256, "subscriber queue stayed bounded: peak " + peak + " bytes");

            slow.startReading();
            EventLineParser parser = new EventLineParser();
            long delivered = 0;
            long announced = 0;
            while (delivered + announced < 2L * total) {
                SessionEvent e = parser.parse(slow.next());
                if (e instanceof SessionEvent.Dropped d) {
                    announced += d.count();
                } else if (e != null) {
                    delivered++;
                }
            }
            assertEquals(dropped, announced, "! dropped lines add up to EventsDropped");
            assertTrue(delivered > 0);
        }
    }

    @Test
    void bareModeWritesTheOriginalPatchFormatAndNoFailedSessions() throws Exception {
        ProxyServer proxy = start(RuntimeOptions.defaults().withIoThreads(1));
        try (StatsClient bare = TestTraffic.subscribe(proxy.statsAddresses().get(0), "")) {
            TestTraffic.ClientView c = TestTraffic.echoOnce(proxy.frontendAddress("web"), 10);
            String open = bare.next();
            String close = bare.next();
            assertTrue(open.matches("\\+ 1 127\\.0\\.0\\.1:" + c.local().getPort() + " 127\\.0\\.0\\.1:"
                    + c.remote().getPort() + " 127\\.0\\.0\\.1:\\d+ 127\\.0\\.0\\.1:" + echo.address().getPort()),
                    open);
            assertEquals("- 1", close);
        }
    }

    @Test
    void aNewLineStopsTheStreamAndIsAnsweredAsARequest() throws Exception {
        ProxyServer proxy = start(RuntimeOptions.defaults().withIoThreads(1));
        try (StatsClient c = TestTraffic.subscribe(proxy.statsAddresses().get(0), "full")) {
            c.send("show info");
            assertEquals("", c.next(), "the stream's answer ends with an empty line");
            List<String> info = c.readUntilClosed();
            assertEquals("Name: p", info.get(0));
            assertEquals("EventSubscribers: 0",
                    info.stream().filter(l -> l.startsWith("EventSubscribers")).findFirst().orElseThrow());
            assertFalse(info.isEmpty());
        }
    }
}
