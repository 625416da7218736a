package io.hoptrace.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.FourTuple;
import io.hoptrace.events.SessionEvent;
import java.net.InetSocketAddress;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two proxies chained on loopback (edge → mid → echo server), with a subscriber on each stats socket. */
@Timeout(60)
class ProxyChainIntegrationTest {
    private static final int CLIENTS = 200;
    private static final int BYTES = 1000;

    @TempDir
    Path dir;
    @RegisterExtension
    final RuntimeWithEcho env = new RuntimeWithEcho(2);

    @Test
    void everySessionOfTheChainIsReportedOnceWithTheAddressesItsSocketsHave() throws Exception {
        ProxyServer mid = env.runtime().start(TestConfigs.proxy("mid")
                .unixStats(dir.resolve("mid.sock"), StatsLevel.ADMIN)
                .frontend("in", "app").backend("app", env.echo().address()).build());
        ProxyServer edge = env.runtime().start(TestConfigs.proxy("edge")
                .unixStats(dir.resolve("edge.sock"), StatsLevel.ADMIN)
                .frontend("web", "to-mid").backend("to-mid", mid.frontendAddress("in")).build());
        try (StatsClient edgeEvents = TestTraffic.subscribe(edge.statsAddresses().get(0), "full");
             StatsClient midEvents = TestTraffic.subscribe(mid.statsAddresses().get(0), "full")) {
            List<TestTraffic.ClientView> clients = runClients(edge.frontendAddress("web"));

            List<SessionEvent> edgeStream = TestTraffic.events(edgeEvents, CLIENTS);
            List<SessionEvent> midStream = TestTraffic.events(midEvents, CLIENTS);
            Map<Long, SessionEvent.Open> edgeOpens = checkOneOpenThenOneClose(edgeStream);
            Map<Long, SessionEvent.Open> midOpens = checkOneOpenThenOneClose(midStream);

            // Edge front tuples: exactly the client sockets' own (local, remote).
            Map<FourTuple, SessionEvent.Open> edgeByFront = new HashMap<>();
            for (SessionEvent.Open o : edgeOpens.values()) {
                edgeByFront.put(o.front(), o);
                assertEquals("web", o.frontendName());
                assertEquals("to-mid", o.backendName());
                assertEquals("s1", o.serverName());
            }
            for (TestTraffic.ClientView c : clients) {
                assertNotNull(edgeByFront.get(FourTuple.of(Endpoint.of(c.local()), Endpoint.of(c.remote()))),
                        "edge reported the client connection " + c);
            }
            // Each edge back tuple is a mid front tuple: that is how the chain is followed.
            Map<FourTuple, SessionEvent.Open> midByFront = new HashMap<>();
            for (SessionEvent.Open o : midOpens.values()) {
                midByFront.put(o.front(), o);
            }
            for (SessionEvent.Open e : edgeOpens.values()) {
                assertNotNull(midByFront.get(e.back()), "mid session for edge back tuple " + e.back());
            }
            // Mid back tuples: exactly the echo server's accepted sockets (remote, local).
            Set<FourTuple> accepted = new HashSet<>();
            for (TestServer.Accepted a : env.echo().accepted()) {
                accepted.add(FourTuple.of(Endpoint.of(a.remote()), Endpoint.of(a.local())));
            }
            Set<FourTuple> midBacks = new HashSet<>();
            for (SessionEvent.Open m : midOpens.values()) {
                midBacks.add(m.back());
            }
            assertEquals(accepted, midBacks);
            for (SessionEvent e : edgeStream) {
                if (e instanceof SessionEvent.Close c) {
                    assertEquals(BYTES, c.bytesIn(), "bin");
                    assertEquals(BYTES, c.bytesOut(), "bout");
                    assertEquals("client-fin", c.term());
                }
            }
        }
    }

    private static List<TestTraffic.ClientView> runClients(InetSocketAddress entry) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<TestTraffic.ClientView>> futures = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                futures.add(pool.submit(() -> TestTraffic.echoOnce(entry, BYTES)));
            }
            List<TestTraffic.ClientView> views = new ArrayList<>();
            for (Future<TestTraffic.ClientView> f : futures) {
                views.add(f.get());
            }
            return views;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every session id has exactly one {@code +} and one {@code -}, the {@code +} first; returns the opens. */
    static Map<Long, SessionEvent.Open> checkOneOpenThenOneClose(List<SessionEvent> stream) {
        Map<Long, SessionEvent.Open> opens = new HashMap<>();
        Set<Long> closed = new HashSet<>();
        for (SessionEvent e : stream) {
            if (e instanceof SessionEvent.Open o) {
                assertTrue(opens.put(o.id(), o) == null, "one + for session " + o.id());
            } else if (e instanceof SessionEvent.Close c) {
                assertTrue(opens.containsKey(c.id()), "+ before - for session " + c.id());
                assertTrue(closed.add(c.id()), "one - for session " + c.id());
            } else {
                throw new AssertionError("unexpected event " + e);
            }
        }
        assertEquals(opens.keySet(), closed);
        return opens;
    }
}
