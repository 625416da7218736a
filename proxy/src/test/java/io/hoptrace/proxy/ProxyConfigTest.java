package io.hoptrace.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.events.Endpoint;
import io.hoptrace.proxy.internal.config.ConfigFileTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyConfigTest extends ConfigFileTest {
    @Test
    void loadsAWholeConfiguration() {
        ProxyConfig c = load("""
                global
                    node edge
                    maxconn 100
                    stats socket /tmp/hoptrace-test.sock mode 600 level admin
                defaults
                    mode tcp
                    timeout connect 2s
                    timeout client 10s
                    timeout server 20s
                frontend web
                    bind 127.0.0.1:0
                    unique-id-format %{+X}o%ci:%cp
                    default_backend app
                backend app
                    balance leastconn
                    server s1 127.0.0.1:18082 send-proxy-v2 maxconn 10
                """);
        assertEquals("edge", c.name());
        assertEquals(file.toString(), c.file());
        assertEquals(100, c.global().maxconn());
        assertEquals(StatsLevel.ADMIN, c.global().statsSockets().get(0).level());
        FrontendConfig web = c.frontends().get(0);
        assertEquals("app", web.defaultBackend());
        assertEquals(Duration.ofSeconds(10), web.timeouts().client());
        assertEquals(at(10), web.location());
        UniqueIdFormat.Values v = new UniqueIdFormat.Values(Endpoint.parse("10.0.0.1:1"), Endpoint.UNKNOWN, 0, 1, 1);
        assertEquals("0A000001:0001", web.uniqueIdFormat().render(v));
        BackendConfig app = c.backend("app").orElseThrow();
        assertEquals(Balance.LEASTCONN, app.balance());
        assertEquals(ServerConfig.SendProxy.V2, app.servers().get(0).sendProxy());
        assertEquals(Duration.ofSeconds(20), app.timeouts().server());
        assertEquals(List.of(), c.warnings());
    }

    @Test
    void nameDefaultsToTheFileNameWithoutItsExtension() throws Exception {
        Path f = Files.writeString(dir.resolve("edge.v2.cfg"), DEFAULTS + "listen l\n    bind 127.0.0.1:0\n");
        assertEquals("edge.v2", ProxyConfig.load(f).name());
        Path noExtension = Files.writeString(dir.resolve("mid"), DEFAULTS + "listen l\n    bind 127.0.0.1:0\n");
        assertEquals("mid", ProxyConfig.load(noExtension).name());
    }

    @Test
    void loadExpandsVariablesFromTheProcessEnvironment() {
        String path = System.getenv("PATH");
        write("global\n    node \"$PATH\"\n" + DEFAULTS + "listen l\n    bind 127.0.0.1:0\n");
        assertEquals(path, ProxyConfig.load(file).name());
    }

    @Test
    void missingFileIsAConfigurationError() {
        Path missing = dir.resolve("missing.cfg");
        ConfigException e = assertThrows(ConfigException.class, () -> ProxyConfig.load(missing));
        assertEquals(List.of(missing + ": cannot read the configuration: no such file"), e.errors());
    }

    @Test
    void directoryIsAConfigurationError() {
        ConfigException e = assertThrows(ConfigException.class, () -> ProxyConfig.load(dir));
        assertTrue(e.errors().get(0).startsWith(dir + ": cannot read the configuration: "), e.getMessage());
    }

    @Test
    void configExceptionCarriesAllErrorsAndTheWarningsSeenSoFar() {
        ConfigException e = failure(DEFAULTS + """
                listen l
                    bind 127.0.0.1:0
                    option tcplog
                    timeout server soon
                    balance fair
                """);
        assertEquals(List.of(
                at(9) + ": timeout server: expected a duration such as 5s (a number with an optional unit us, ms, s, "
                        + "m, h or d; default ms), got 'soon'",
                at(10) + ": balance: expected roundrobin, leastconn or source, got 'fair'"), e.errors());
        assertEquals(List.of(ignored(8, "option tcplog")), e.warnings());
        assertEquals(e.errors().get(0) + "\n" + e.errors().get(1), e.getMessage());
    }
}
