package io.hoptrace.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.events.EventLineParser;
import io.hoptrace.events.SessionEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code balance}, {@code retries} and {@code option redispatch}, observed through the events' {@code srv=}. */
@Timeout(30)
class BalanceIntegrationTest {
    @TempDir
    Path dir;
    private ProxyRuntime runtime;
    private TestServer one;
    private TestServer two;

    @BeforeEach
    void start() throws Exception {
        one = TestServer.echo();
        two = TestServer.echo();
        runtime = ProxyRuntime.create(RuntimeOptions.defaults().withIoThreads(2));
    }

    @AfterEach
    void stop() throws Exception {
        runtime.close();
        one.close();
        two.close();
    }

    private ProxyServer proxy(Balance balance, InetSocketAddress first, int retries, boolean redispatch)
            throws Exception {
        return runtime.start(TestConfigs.proxy("p").unixStats(dir.resolve("s"), StatsLevel.ADMIN)
                .frontend("web", "app")
                .backend(TestConfigs.backend("app", balance, List.of(TestConfigs.server("s1", first),
                        TestConfigs.server("s2", two.address())), Timeouts.NONE, retries, redispatch))
                .build());
    }

    /** The server of the next session established ({@code -} lines in between are skipped). */
    private static String serverOf(StatsClient events) {
        EventLineParser parser = new EventLineParser();
        for (;;) {
            if (parser.parse(events.next()) instanceof SessionEvent.Open o) {
                return o.serverName();
            }
        }
    }

    /** A port on loopback where nothing listens (connections are refused). */
    private static InetSocketAddress refusingAddress() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return (InetSocketAddress) s.getLocalSocketAddress();
        }
    }

    @Test
    void roundRobinTakesEachServerInTurn() throws Exception {
        ProxyServer p = proxy(Balance.ROUNDROBIN, one.address(), 0, false);
        try (StatsClient events = TestTraffic.subscribe(p.statsAddresses().get(0), "full")) {
            List<String> servers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                TestTraffic.echoOnce(p.frontendAddress("web"), 10);
                servers.add(serverOf(events));
            }
            assertEquals(List.of("s1", "s2", "s1", "s2", "s1", "s2"), servers);
        }
    }

    @Test
    void leastConnTakesTheServerWithFewerSessions() throws Exception {
        ProxyServer p = proxy(Balance.LEASTCONN, one.address(), 0, false);
        try (StatsClient events = TestTraffic.subscribe(p.statsAddresses().get(0), "full");
             Socket held = new Socket()) {
            held.connect(p.frontendAddress("web"));
            held.getOutputStream().write(1);
            held.getInputStream().read();
            String busy = serverOf(events);
            for (int i = 0; i < 3; i++) {
                TestTraffic.echoOnce(p.frontendAddress("web"), 10);
                // Read up to this session's end: the next one starts with its slot released.
                List<SessionEvent> session = TestTraffic.events(events, 1);
                assertNotEquals(busy, ((SessionEvent.Open) session.get(0)).serverName(),
                        "the held session's server has more sessions");
            }
        }
    }

    @Test
    void sourceKeepsEachClientAddressOnOneServer() throws Exception {
        ProxyServer p = proxy(Balance.SOURCE, one.address(), 0, false);
        try (StatsClient events = TestTraffic.subscribe(p.statsAddresses().get(0), "full")) {
            for (String client : List.of("127.0.0.1", "127.0.0.2", "127.0.0.3")) {
                Set<String> servers = new HashSet<>();
                for (int i = 0; i < 4; i++) {
                    try (Socket s = new Socket(p.frontendAddress("web").getAddress(),
                            p.frontendAddress("web").getPort(), InetAddress.getByName(client), 0)) {
                        s.getOutputStream().write(1);
                        s.getInputStream().read();
                    }
                    servers.add(serverOf(events));
                }
                assertEquals(1, servers.size(), client + " went to " + servers);
            }
        }
    }

    @Test
    void aRefusedConnectionIsRedispatchedToAnotherServerOnTheLastRetry() throws Exception {
        ProxyServer p = proxy(Balance.ROUNDROBIN, refusingAddress(), 1, true);
        try (StatsClient events = TestTraffic.subscribe(p.statsAddresses().get(0), "full")) {
            TestTraffic.echoOnce(p.frontendAddress("web"), 10);
            assertEquals("s2", serverOf(events));
            List<String> csv = StatsClient.request(p.statsAddresses().get(0), "show stat");
            assertEquals("1,0,1", fields(csv, "app,s1", 10, 13), "s1 econ,wretr,wredis");
            assertEquals("1,0,1", fields(csv, "app,BACKEND", 10, 13), "backend econ,wretr,wredis");
        }
    }

    @Test
    void withoutRedispatchEveryRetryGoesToTheSameServer() throws Exception {
        ProxyServer p = proxy(Balance.ROUNDROBIN, refusingAddress(), 2, false);
        try (StatsClient events = TestTraffic.subscribe(p.statsAddresses().get(0), "full");
             Socket c = new Socket()) {
            c.setSoTimeout(10_000);
            c.connect(p.frontendAddress("web"));
            assertEquals(-1, c.getInputStream().read(), "closed after the last attempt");
            SessionEvent.Failed x = (SessionEvent.Failed) TestTraffic.events(events, 1).get(0);
            assertEquals("connect-refused", x.term());
            List<String> csv = StatsClient.request(p.statsAddresses().get(0), "show stat");
            assertEquals("3,2,0", fields(csv, "app,s1", 10, 13), "s1 econ,wretr,wredis");
            assertEquals(0, two.accepted().size());
        }
    }

    @Test
    void failedConnectionAttemptsLeaveNoOpenFileBehind() throws Exception {
        ProxyServer p = runtime.start(TestConfigs.proxy("p").unixStats(dir.resolve("s"), StatsLevel.ADMIN)
                .frontend("web", "app")
                .backend(TestConfigs.backend("app", Balance.ROUNDROBIN,
                        List.of(TestConfigs.server("s1", refusingAddress())), Timeouts.NONE, 1, false))
                .build());
        Path fds = Path.of("/proc/self/fd");
        refusedSession(p); // warm up: threads and their descriptors exist
        long before;
        try (var list = Files.list(fds)) {
            before = list.count();
        }
        for (int i = 0; i < 100; i++) {
            refusedSession(p);
        }
        Await.until("sessions ended", () -> StatsClient.info(p.statsAddresses().get(0), "CurrConns") == 0);
        long after;
        try (var list = Files.list(fds)) {
            after = list.count();
        }
        assertTrue(after - before < 20, "open files went from " + before + " to " + after);
    }

    /** s1 refuses the connection and its retry: the proxy closes the client connection. */
    private static void refusedSession(ProxyServer p) throws Exception {
        try (Socket c = new Socket()) {
            c.setSoTimeout(10_000);
            c.connect(p.frontendAddress("web"));
            assertEquals(-1, c.getInputStream().read());
        }
    }

    private static String fields(List<String> csv, String row, int from, int to) {
        String line = csv.stream().filter(l -> l.startsWith(row + ",")).findFirst().orElseThrow();
        return String.join(",", List.of(line.split(",", -1)).subList(from, to));
    }
}
