package io.hoptrace.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds proxy configurations for tests as records (what the parser would produce), binding port 0. */
final class TestConfigs {
    private final String name;
    private final List<StatsSocketConfig> stats = new ArrayList<>();
    private final List<FrontendConfig> frontends = new ArrayList<>();
    private final List<BackendConfig> backends = new ArrayList<>();
    private int maxconn;

    private TestConfigs(String name) {
        this.name = name;
    }

    static TestConfigs proxy(String name) {
        return new TestConfigs(name);
    }

    static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    TestConfigs maxconn(int n) {
        this.maxconn = n;
        return this;
    }

    TestConfigs unixStats(Path path, StatsLevel level) {
        stats.add(new StatsSocketConfig(path, null, 0600, null, null, level, name + ".cfg:2"));
        return this;
    }

    TestConfigs unixStats(Path path, int mode, String user, String group) {
        stats.add(new StatsSocketConfig(path, null, mode, user, group, StatsLevel.ADMIN, name + ".cfg:2"));
        return this;
    }

    TestConfigs tcpStats(StatsLevel level) {
        stats.add(new StatsSocketConfig(null, loopback(), -1, null, null, level, name + ".cfg:3"));
        return this;
    }

    TestConfigs frontend(FrontendConfig fe) {
        frontends.add(fe);
        return this;
    }

    /** A frontend on loopback:0 forwarding to {@code backend}. */
    TestConfigs frontend(String fe, String backend) {
        return frontend(frontend(fe, loopback(), false, backend, 0, Timeouts.NONE, null));
    }

    TestConfigs backend(BackendConfig be) {
        backends.add(be);
        return this;
    }

    /** A round-robin backend of plain servers. */
    TestConfigs backend(String be, InetSocketAddress... servers) {
        List<ServerConfig> list = new ArrayList<>();
        for (int i = 0; i < servers.length; i++) {
            list.add(server("s" + (i + 1), servers[i]));
        }
        return backend(backend(be, Balance.ROUNDROBIN, list, Timeouts.NONE, 0, false));
    }

    ProxyConfig build() {
        return new ProxyConfig(name, name + ".cfg", new GlobalConfig(maxconn, stats), frontends, backends, List.of());
    }

    static FrontendConfig frontend(String name, InetSocketAddress bind, boolean acceptProxy, String backend,
                                   int maxconn, Timeouts timeouts, UniqueIdFormat uid) {
        return new FrontendConfig(name, List.of(new BindConfig(bind, acceptProxy, "test.cfg:10")), maxconn, backend,
                timeouts, uid, "test.cfg:9");
    }

    static BackendConfig backend(String name, Balance balance, List<ServerConfig> servers, Timeouts timeouts,
                                 int retries, boolean redispatch) {
        return new BackendConfig(name, balance, servers, timeouts, retries, redispatch, "test.cfg:20");
    }

    static ServerConfig server(String name, InetSocketAddress address) {
        return new ServerConfig(name, address, ServerConfig.SendProxy.NONE, 0, "test.cfg:21");
    }

    static ServerConfig server(String name, InetSocketAddress address, ServerConfig.SendProxy sendProxy,
                               int maxconn) {
        return new ServerConfig(name, address, sendProxy, maxconn, "test.cfg:21");
    }

    static Timeouts timeouts(Duration connect, Duration client, Duration server) {
        return new Timeouts(connect, client, server);
    }
}
