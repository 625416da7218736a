package io.hoptrace.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.EventLineParser;
import io.hoptrace.events.SessionEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** IPv6 end to end: bind, server, stats socket and event addresses on [::1]. */
@Timeout(30)
class Ipv6IntegrationTest {
    @TempDir
    Path dir;

    @Test
    void aSessionOverIpv6IsForwardedAndReportedWithBracketedAddresses() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        try (TestServer echo = TestServer.start(v6, TestServer::echo);
             ProxyRuntime runtime = ProxyRuntime.create(RuntimeOptions.defaults().withIoThreads(1))) {
            ProxyServer p = runtime.start(TestConfigs.proxy("v6").unixStats(dir.resolve("s"), StatsLevel.ADMIN)
                    .frontend(TestConfigs.frontend("web", new InetSocketAddress(v6, 0), false, "app", 0,
                            Timeouts.NONE, null))
                    .backend("app", echo.address()).build());
            try (StatsClient events = TestTraffic.subscribe(p.statsAddresses().get(0), "")) {
                TestTraffic.ClientView c = TestTraffic.echoOnce(p.frontendAddress("web"), 500);
                String line = events.next();
                assertTrue(line.matches("\\+ 1 \\[::1]:\\d+ \\[::1]:\\d+ \\[::1]:\\d+ \\[::1]:\\d+"), line);
                SessionEvent.Open o = (SessionEvent.Open) new EventLineParser().parse(line);
                assertEquals(Endpoint.of(c.local()), o.client());
                assertEquals(Endpoint.of(c.remote()), o.frontend());
                TestServer.Accepted a = echo.accepted().get(0);
                assertEquals(Endpoint.of(a.remote()), o.backend());
                assertEquals(Endpoint.of(a.local()), o.server());
                assertEquals("- 1", events.next());
            }
        }
    }

    @Test
    void anIpv4ClientReachesAnIpv6Server() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        try (TestServer echo = TestServer.start(v6, TestServer::echo);
             ProxyRuntime runtime = ProxyRuntime.create(RuntimeOptions.defaults().withIoThreads(1))) {
            ProxyServer p = runtime.start(TestConfigs.proxy("mixed").unixStats(dir.resolve("s"), StatsLevel.ADMIN)
                    .frontend("web", "app").backend("app", echo.address()).build());
            try (StatsClient events = TestTraffic.subscribe(p.statsAddresses().get(0), "")) {
                TestTraffic.echoOnce(p.frontendAddress("web"), 500);
                String line = events.next();
                assertTrue(line.matches("\\+ 1 127\\.0\\.0\\.1:\\d+ 127\\.0\\.0\\.1:\\d+ \\[::1]:\\d+ \\[::1]:\\d+"),
                        line);
            }
        }
    }
}
