package io.hoptrace.proxy.internal.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.hoptrace.proxy.Balance;
import io.hoptrace.proxy.BackendConfig;
import io.hoptrace.proxy.ServerConfig;
import io.hoptrace.proxy.Timeouts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BalancerTest {
    private static BackendRuntime backend(Balance balance, int... maxconns) {
        List<ServerConfig> servers = new ArrayList<>();
        for (int i = 0; i < maxconns.length; i++) {
            servers.add(new ServerConfig("s" + (i + 1), new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    1000 + i), ServerConfig.SendProxy.NONE, maxconns[i], "t.cfg:" + i));
        }
        return new BackendRuntime(new BackendConfig("app", balance, servers, Timeouts.NONE, 0, false, "t.cfg:1"));
    }

    private static InetAddress address(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void roundRobinTakesServersInTurn() {
        BackendRuntime b = backend(Balance.ROUNDROBIN, 0, 0, 0);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            names.add(b.reserve(null, null, null).name());
        }
        assertEquals(List.of("s1", "s2", "s3", "s1", "s2", "s3"), names);
    }

    @Test
    void roundRobinSkipsAFullServer() {
        BackendRuntime b = backend(Balance.ROUNDROBIN, 1, 0);
        assertEquals("s1", b.reserve(null, null, null).name());
        assertEquals("s2", b.reserve(null, null, null).name());
        assertEquals("s2", b.reserve(null, null, null).name(), "s1 is at its maxconn");
    }

    @Test
    void roundRobinReturnsNullWhenEveryServerIsFull() {
        BackendRuntime b = backend(Balance.ROUNDROBIN, 1, 1);
        b.reserve(null, null, null);
        b.reserve(null, null, null);
        assertNull(b.reserve(null, null, null));
    }

    @Test
    void anExcludedServerIsSkippedWhenAnotherExists() {
        BackendRuntime b = backend(Balance.ROUNDROBIN, 0, 0);
        ServerRuntime s1 = b.servers().get(0);
        for (int i = 0; i < 4; i++) {
            assertEquals("s2", b.reserve(null, null, s1).name());
        }
    }

    @Test
    void anExcludedServerIsStillUsedWhenItIsTheOnlyOne() {
        BackendRuntime b = backend(Balance.ROUNDROBIN, 0);
        ServerRuntime s1 = b.servers().get(0);
        assertSame(s1, b.reserve(null, null, s1));
    }

    @Test
    void leastConnTakesTheServerWithTheFewestSessions() {
        BackendRuntime b = backend(Balance.LEASTCONN, 0, 0, 0);
        b.servers().get(0).tryAcquire();
        b.servers().get(0).tryAcquire();
        b.servers().get(2).tryAcquire();
        assertEquals("s2", b.reserve(null, null, null).name());
        assertEquals(1, b.servers().get(1).counters().current());
    }

    @Test
    void leastConnSpreadsTiesRoundRobin() {
        BackendRuntime b = backend(Balance.LEASTCONN, 0, 0);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            ServerRuntime s = b.reserve(null, null, null);
            names.add(s.name());
            s.counters().closed(); // released: loads stay equal
        }
        assertEquals(Set.of("s1", "s2"), names);
    }

    @Test
    void sourceSendsOneAddressToOneServer() throws Exception {
        BackendRuntime b = backend(Balance.SOURCE, 0, 0, 0);
        for (String a : List.of("10.0.0.1", "10.0.0.2", "192.0.2.7", "2001:db8::1")) {
            String first = b.reserve(address(a), null, null).name();
            for (int i = 0; i < 5; i++) {
                assertEquals(first, b.reserve(address(a), null, null).name(), a);
            }
        }
    }

    @Test
    void sourceSpreadsDifferentAddresses() throws Exception {
        BackendRuntime b = backend(Balance.SOURCE, 0, 0);
        Set<String> names = new HashSet<>();
        for (int i = 1; i <= 32; i++) {
            names.add(b.reserve(address("10.0.0." + i), null, null).name());
        }
        assertEquals(Set.of("s1", "s2"), names);
    }

    @Test
    void sourceWaitsForItsOwnServerWhenItIsFull() throws Exception {
        BackendRuntime b = backend(Balance.SOURCE, 1, 1);
        InetAddress client = address("10.0.0.9");
        ServerRuntime home = b.reserve(client, null, null);
        assertNull(b.reserve(client, null, null), "its server is full: wait rather than go elsewhere");
        ServerRuntime other = b.servers().get(0) == home ? b.servers().get(1) : b.servers().get(0);
        assertEquals(0, other.counters().current(), "the other server was not used");
        home.counters().closed();
        assertSame(home, b.reserve(client, null, null));
    }
}
