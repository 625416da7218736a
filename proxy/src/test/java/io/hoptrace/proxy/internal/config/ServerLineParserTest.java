package io.hoptrace.proxy.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hoptrace.proxy.ProxyConfig;
import io.hoptrace.proxy.ServerConfig;
import io.hoptrace.proxy.ServerConfig.SendProxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code server} and {@code default-server}; {@link #DEFAULTS} is lines 1-5, {@code backend b} line 6. */
class ServerLineParserTest extends ConfigFileTest {
    private static String backend(String... lines) {
        return DEFAULTS + "backend b\n    " + String.join("\n    ", lines) + "\n"
                + "listen l\n    bind 127.0.0.1:0\n    default_backend b\n";
    }

    private List<ServerConfig> servers(String... lines) {
        return load(backend(lines)).backend("b").orElseThrow().servers();
    }

    @Test
    void serverWithNameAndAddress() throws Exception {
        ServerConfig s = servers("server app 127.0.0.1:18082").get(0);
        assertEquals("app", s.name());
        assertEquals(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 18082), s.address());
        assertEquals(SendProxy.NONE, s.sendProxy());
        assertEquals(0, s.maxconn());
        assertEquals(at(7), s.location());
    }

    @Test
    void sendProxyIsVersion1() {
        assertEquals(SendProxy.V1, servers("server s 127.0.0.1:1 send-proxy").get(0).sendProxy());
    }

    @Test
    void sendProxyV2IsVersion2() {
        assertEquals(SendProxy.V2, servers("server s 127.0.0.1:1 send-proxy-v2").get(0).sendProxy());
    }

    @Test
    void bothSendProxyOptionsSendVersion2AsHaproxyDoes() {
        assertEquals(SendProxy.V2, servers("server s 127.0.0.1:1 send-proxy send-proxy-v2").get(0).sendProxy());
    }

    @Test
    void maxconnLimitsTheServer() {
        assertEquals(40, servers("server s 127.0.0.1:1 maxconn 40").get(0).maxconn());
    }

    @Test
    void rejectsBadMaxconn() {
        assertEquals(List.of(at(7) + ": server maxconn: expected an integer from 0 to 2147483647, got '4k'"),
                errors(backend("server s 127.0.0.1:1 maxconn 4k")));
    }

    @Test
    void rejectsDuplicateServerName() {
        assertEquals(List.of(at(8) + ": backend 'b': another server named 's' was already declared at " + at(7)
                + "; server names must be unique in a backend"),
                errors(backend("server s 127.0.0.1:1", "server s 127.0.0.1:2")));
    }

    @Test
    void sameServerNameInTwoBackendsIsFine() {
        ProxyConfig c = load(backend("server s 127.0.0.1:1") + "backend c\n    server s 127.0.0.1:2\n");
        assertEquals("s", c.backend("c").orElseThrow().servers().get(0).name());
    }

    @Test
    void rejectsInvalidCharacterInName() {
        assertEquals(List.of(at(7) + ": character '/' is not permitted in server name 'a/b'"),
                errors(backend("server a/b 127.0.0.1:1")));
    }

    @Test
    void rejectsServerWithoutAddress() {
        assertEquals(List.of(at(7) + ": 'server' expects <name> and <address>:<port>"), errors(backend("server s")));
    }

    @Test
    void rejectsServerWithoutPort() {
        assertEquals(List.of(at(7) + ": server 's' address: missing port in '10.0.0.1'; expected <host>:<port>, "
                + "[<ipv6>]:<port>, ipv4@<host>:<port> or ipv6@<host>:<port>"), errors(backend("server s 10.0.0.1")));
    }

    @Test
    void rejectsServerPortZero() {
        assertEquals(List.of(at(7) + ": server 's' address: invalid port '0' in '127.0.0.1:0': expected a number "
                + "from 1 to 65535"), errors(backend("server s 127.0.0.1:0")));
    }

    @Test
    void warnsAboutEachHealthCheckOption() {
        ProxyConfig c = load(backend("server s 127.0.0.1:1 check inter 2s rise 2 fall 3 weight 10 maxconn 5"));
        assertEquals(List.of(ignored(7, "check"), ignored(7, "inter"), ignored(7, "rise"), ignored(7, "fall"),
                ignored(7, "weight")), c.warnings());
        assertEquals(5, c.backends().get(0).servers().get(0).maxconn());
    }

    @Test
    void rejectsBackupServer() {
        assertEquals(List.of(at(7) + ": 'backup' is out of hoptrace's scope: hoptrace would send connections to a "
                + "server this configuration keeps idle"), errors(backend("server s 127.0.0.1:1 backup")));
    }

    @Test
    void rejectsSsl() {
        assertEquals(List.of(at(7) + ": 'ssl' is out of hoptrace's scope: hoptrace forwards plain TCP and does not "
                + "implement TLS"), errors(backend("server s 127.0.0.1:443 ssl verify none")));
    }

    @Test
    void rejectsUnknownOption() {
        assertEquals(List.of(at(7) + ": unknown option 'send-proxy-v3' on 'server' line"),
                errors(backend("server s 127.0.0.1:1 send-proxy-v3")));
    }

    @Test
    void rejectsOptionWithoutItsArgument() {
        assertEquals(List.of(at(7) + ": 'server' option 'inter' expects an argument"),
                errors(backend("server s 127.0.0.1:1 inter")));
    }

    @Test
    void defaultServerAppliesToLaterServers() {
        List<ServerConfig> s = servers("server a 127.0.0.1:1", "default-server send-proxy-v2 maxconn 7",
                "server b 127.0.0.1:2");
        assertEquals(SendProxy.NONE, s.get(0).sendProxy());
        assertEquals(SendProxy.V2, s.get(1).sendProxy());
        assertEquals(7, s.get(1).maxconn());
    }

    @Test
    void defaultServerIsInheritedFromDefaults() {
        ProxyConfig c = load(DEFAULTS + "    default-server send-proxy\nbackend b\n    server s 127.0.0.1:1\n"
                + "listen l\n    bind 127.0.0.1:0\n    default_backend b\n");
        assertEquals(SendProxy.V1, c.backends().get(0).servers().get(0).sendProxy());
    }

    @Test
    void serverOptionOverridesDefaultServer() {
        List<ServerConfig> s = servers("default-server send-proxy-v2", "server a 127.0.0.1:1 no-send-proxy-v2");
        assertEquals(SendProxy.NONE, s.get(0).sendProxy());
    }

    @Test
    void acceptsProxyV2UniqueIdWhichHoptraceAlwaysSends() {
        ProxyConfig c = load(backend("server s 127.0.0.1:1 send-proxy-v2 proxy-v2-options unique-id"));
        assertEquals(List.of(), c.warnings());
        assertEquals(SendProxy.V2, c.backends().get(0).servers().get(0).sendProxy());
    }

    @Test
    void warnsAboutOtherProxyV2Options() {
        ProxyConfig c = load(backend("server s 127.0.0.1:1 send-proxy-v2 proxy-v2-options unique-id,crc32c,ssl"));
        assertEquals(List.of(ignored(7, "proxy-v2-options crc32c"), ignored(7, "proxy-v2-options ssl")),
                c.warnings());
    }

    @Test
    void rejectsUnknownProxyV2Option() {
        assertEquals(List.of(at(7) + ": proxy-v2-options: expected a comma-separated list of ssl, cert-cn, "
                + "ssl-cipher, cert-sig, cert-key, authority, crc32c, unique-id, got 'uid'"),
                errors(backend("server s 127.0.0.1:1 proxy-v2-options uid")));
    }

    @Test
    void rejectsServerInDefaults() {
        assertEquals(List.of(at(6) + ": 'server' not allowed in 'defaults' section"),
                errors(DEFAULTS + "    server s 127.0.0.1:1\nlisten l\n"));
    }
}
