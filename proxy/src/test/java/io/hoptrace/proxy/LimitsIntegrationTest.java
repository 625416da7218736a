package io.hoptrace.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hoptrace.events.SessionEvent;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code maxconn}: global and per frontend (stop accepting), per server (queue in the backend). */
@Timeout(30)
class LimitsIntegrationTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final RuntimeWithEcho env = new RuntimeWithEcho(2);
    private final List<Socket> clients = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Socket s : clients) {
            s.close();
        }
    }

    /** Connects and sends one byte; with {@code echoed}, waits for it to come back (session established). */
    private Socket connect(InetSocketAddress address, boolean echoed) throws Exception {
        Socket s = new Socket();
        clients.add(s);
        s.setSoTimeout(10_000);
        s.connect(address);
        s.getOutputStream().write(42);
        if (echoed) {
            assertEquals(42, s.getInputStream().read());
        }
        return s;
    }

    /** A proxy whose one server takes one session at a time ({@code maxconn 1}): the next ones queue. */
    private ProxyServer startWithOneSlotServer(Duration timeoutConnect) throws Exception {
        return env.runtime().start(TestConfigs.proxy("p").unixStats(dir.resolve("s"), StatsLevel.ADMIN)
                .frontend("web", "app")
                .backend(TestConfigs.backend("app", Balance.ROUNDROBIN, List.of(TestConfigs.server("s1",
                        env.echo().address(), ServerConfig.SendProxy.NONE, 1)),
                        TestConfigs.timeouts(timeoutConnect, null, null), 0, false))
                .build());
    }

    private static String row(SocketAddress stats, String prefix) throws Exception {
        return StatsClient.request(stats, "show stat").stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow();
    }

    @Test
    void aFrontendAtMaxconnStopsAcceptingUntilASessionEnds() throws Exception {
        ProxyServer p = env.runtime().start(TestConfigs.proxy("p").unixStats(dir.resolve("s"), StatsLevel.ADMIN)
                .frontend(TestConfigs.frontend("web", TestConfigs.loopback(), false, "app", 2, Timeouts.NONE, null))
                .backend("app", env.echo().address()).build());
        SocketAddress stats = p.statsAddresses().get(0);
        Socket a = connect(p.frontendAddress("web"), true);
        connect(p.frontendAddress("web"), true);
        Socket c = connect(p.frontendAddress("web"), false); // in the kernel's backlog, not accepted
        assertEquals("web,FRONTEND,,,2,2,2,2,2,2,,,,FULL,,0,", row(stats, "web,FRONTEND"));
        assertEquals(2, StatsClient.info(stats, "CumConns"));
        a.close();
        assertEquals(42, c.getInputStream().read(), "accepted and served once a session ended");
        assertEquals(3, StatsClient.info(stats, "CumConns"));
        assertEquals(3, env.echo().accepted().size());
    }

    @Test
    void theGlobalMaxconnCountsEveryFrontend() throws Exception {
        ProxyServer p = env.runtime().start(TestConfigs.proxy("p").maxconn(1)
                .unixStats(dir.resolve("s"), StatsLevel.ADMIN)
                .frontend("one", "app").frontend("two", "app").backend("app", env.echo().address()).build());
        SocketAddress stats = p.statsAddresses().get(0);
        Socket a = connect(p.frontendAddress("one"), true);
        Socket b = connect(p.frontendAddress("two"), false);
        assertEquals(1, StatsClient.info(stats, "CurrConns"));
        assertEquals("two,FRONTEND,,,0,0,1,0,0,0,,,,FULL,,0,", row(stats, "two,FRONTEND"));
        a.close();
        assertEquals(42, b.getInputStream().read());
    }

    @Test
    void aServerAtMaxconnQueuesTheSessionUntilASlotFrees() throws Exception {
        ProxyServer p = startWithOneSlotServer(Duration.ofSeconds(20));
        SocketAddress stats = p.statsAddresses().get(0);
        Socket a = connect(p.frontendAddress("web"), true);
        Socket b = connect(p.frontendAddress("web"), false);
        Await.until("the second session waits in the queue",
                () -> row(stats, "app,BACKEND").startsWith("app,BACKEND,1,1,"));
        assertEquals(1, env.echo().accepted().size());
        a.close();
        assertEquals(42, b.getInputStream().read(), "served once the first session freed the slot");
        assertEquals("app,s1,0,,1,1,1,2,", row(stats, "app,s1").substring(0, 18));
    }

    @Test
    void aSessionWaitingLongerThanTimeoutConnectEndsAsQueueTimeout() throws Exception {
        ProxyServer p = startWithOneSlotServer(Duration.ofMillis(200));
        try (StatsClient events = TestTraffic.subscribe(p.statsAddresses().get(0), "full")) {
            connect(p.frontendAddress("web"), true);
            Socket b = connect(p.frontendAddress("web"), false);
            assertEquals(-1, b.getInputStream().read(), "closed after the queue timeout");
            SessionEvent.Failed x = (SessionEvent.Failed) TestTraffic.events(events, 1).stream()
                    .filter(e -> e instanceof SessionEvent.Failed).findFirst().orElseThrow();
            assertEquals(2, x.id());
            assertEquals("queue-timeout", x.term());
            assertEquals("app", x.backendName());
        }
    }

    @Test
    void aClientThatResetsWhileQueuedLeavesTheQueueAsClientRst() throws Exception {
        ProxyServer p = startWithOneSlotServer(Duration.ofSeconds(20));
        SocketAddress stats = p.statsAddresses().get(0);
        try (StatsClient events = TestTraffic.subscribe(stats, "full")) {
            Socket a = connect(p.frontendAddress("web"), true);
            Socket b = connect(p.frontendAddress("web"), false);
            Await.until("the second session is queued", () -> row(stats, "app,BACKEND").startsWith("app,BACKEND,1,"));
            b.setSoLinger(true, 0);
            b.close();
            SessionEvent.Failed x = (SessionEvent.Failed) TestTraffic.events(events, 1).stream()
                    .filter(e -> e instanceof SessionEvent.Failed).findFirst().orElseThrow();
            assertEquals("client-rst", x.term());
            assertEquals("app,BACKEND,0,1,", row(stats, "app,BACKEND").substring(0, 16), "left the queue");
            a.getOutputStream().write(9);
            assertEquals(9, a.getInputStream().read(), "the first session is unaffected");
        }
    }
}
