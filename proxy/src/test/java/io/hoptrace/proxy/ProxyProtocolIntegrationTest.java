package io.hoptrace.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.SessionEvent;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * PROXY protocol through chains (haproxy.org/download/2.6/doc/proxy-protocol.txt): the next hop reports the
 * original client as {@code orig=} and the unique id from the v2 TLV as {@code uid=}.
 */
@Timeout(30)
class ProxyProtocolIntegrationTest {
    private static final String UID_FORMAT = "%{+X}o %ci:%cp_%fi:%fp_%Ts_%rt:%pid";

    @TempDir
    Path dir;
    @RegisterExtension
    final RuntimeWithEcho env = new RuntimeWithEcho(2);

    /** A hop: frontend "in" (accept-proxy or not) to one server at {@code next}. */
    private ProxyServer hop(String name, boolean acceptProxy, InetSocketAddress next,
                            ServerConfig.SendProxy send, UniqueIdFormat uid) throws Exception {
        return env.runtime().start(TestConfigs.proxy(name).unixStats(dir.resolve(name + ".sock"), StatsLevel.ADMIN)
                .frontend(TestConfigs.frontend("in", TestConfigs.loopback(), acceptProxy, "out", 0, Timeouts.NONE,
                        uid))
                .backend(TestConfigs.backend("out", Balance.ROUNDROBIN,
                        List.of(TestConfigs.server("next", next, send, 0)), Timeouts.NONE, 0, false))
                .build());
    }

    private static SessionEvent.Open open(StatsClient events) {
        return (SessionEvent.Open) TestTraffic.events(events, 1).get(0);
    }

    @Test
    void v1CarriesTheOriginalClientToTheNextHop() throws Exception {
        ProxyServer mid = hop("mid", true, env.echo().address(), ServerConfig.SendProxy.NONE, null);
        ProxyServer edge = hop("edge", false, mid.frontendAddress("in"), ServerConfig.SendProxy.V1,
                UniqueIdFormat.compile(UID_FORMAT));
        try (StatsClient edgeEvents = TestTraffic.subscribe(edge.statsAddresses().get(0), "full");
             StatsClient midEvents = TestTraffic.subscribe(mid.statsAddresses().get(0), "full")) {
            TestTraffic.ClientView client = TestTraffic.echoOnce(edge.frontendAddress("in"), 100);
            SessionEvent.Open e = open(edgeEvents);
            SessionEvent.Open m = open(midEvents);
            assertNull(e.orig(), "the edge got no PROXY header");
            assertNotNull(e.uniqueId(), "the edge made a unique id");
            assertEquals(e.back(), m.front(), "the mid's socket peer is the edge's backend socket");
            assertEquals(Endpoint.of(client.local()), m.orig(), "orig= is the client the header named");
            assertNull(m.uniqueId(), "v1 has no room for a unique id");
        }
    }

    @Test
    void v2CarriesTheOriginalClientAndTheUniqueIdThroughTwoHops() throws Exception {
        ProxyServer last = hop("last", true, env.echo().address(), ServerConfig.SendProxy.NONE, null);
        ProxyServer mid = hop("mid", true, last.frontendAddress("in"), ServerConfig.SendProxy.V2, null);
        ProxyServer edge = hop("edge", false, mid.frontendAddress("in"), ServerConfig.SendProxy.V2,
                UniqueIdFormat.compile(UID_FORMAT));
        try (StatsClient edgeEvents = TestTraffic.subscribe(edge.statsAddresses().get(0), "full");
             StatsClient midEvents = TestTraffic.subscribe(mid.statsAddresses().get(0), "full");
             StatsClient lastEvents = TestTraffic.subscribe(last.statsAddresses().get(0), "full")) {
            TestTraffic.ClientView client = TestTraffic.echoOnce(edge.frontendAddress("in"), 100);
            SessionEvent.Open e = open(edgeEvents);
            SessionEvent.Open m = open(midEvents);
            SessionEvent.Open l = open(lastEvents);
            assertTrue(e.uniqueId().matches("7F000001:[0-9A-F]{4}_7F000001:[0-9A-F]{4}_[0-9A-F]{8}_0001:[0-9A-F]+"),
                    e.uniqueId());
            assertEquals(e.uniqueId(), m.uniqueId(), "uid= from the v2 unique-id TLV");
            assertEquals(e.uniqueId(), l.uniqueId(), "a hop without its own format passes the id on");
            assertEquals(Endpoint.of(client.local()), m.orig());
            assertEquals(Endpoint.of(client.local()), l.orig(), "a hop passes on the client it was told about");
            assertEquals(e.back(), m.front());
            assertEquals(m.back(), l.front());
        }
    }

    @Test
    void somethingElseThanAProxyHeaderEndsTheSessionAsBadProxy() throws Exception {
        ProxyServer mid = hop("mid", true, env.echo().address(), ServerConfig.SendProxy.NONE, null);
        try (StatsClient events = TestTraffic.subscribe(mid.statsAddresses().get(0), "full");
             Socket c = new Socket()) {
            c.setSoTimeout(10_000);
            c.connect(mid.frontendAddress("in"));
            c.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(-1, c.getInputStream().read(), "the connection is closed");
            SessionEvent.Failed x = (SessionEvent.Failed) TestTraffic.events(events, 1).get(0);
            assertEquals("bad-proxy", x.term());
            assertEquals(Endpoint.of(c.getLocalSocketAddress()), x.client());
            assertTrue(env.echo().accepted().isEmpty(), "no server connection was made");
        }
    }
}
