package io.hoptrace.proxy.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.proxy.BindConfig;
import io.hoptrace.proxy.ProxyConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bind} lines; each configuration is {@link #DEFAULTS} (lines 1-5), then {@code listen l} on line 6. */
class BindLineParserTest extends ConfigFileTest {
    private static String listen(String... binds) {
        return DEFAULTS + "listen l\n    " + String.join("\n    ", binds) + "\n";
    }

    private List<BindConfig> binds(String... binds) {
        return load(listen(binds)).frontends().get(0).binds();
    }

    @Test
    void bindsAddressAndPort() throws Exception {
        BindConfig b = binds("bind 127.0.0.1:18080").get(0);
        assertEquals(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 18080), b.address());
        assertFalse(b.acceptProxy());
        assertEquals(at(7), b.location());
    }

    @Test
    void acceptProxyReadsAProxyProtocolHeader() {
        assertTrue(binds("bind 127.0.0.1:18081 accept-proxy").get(0).acceptProxy());
    }

    @Test
    void severalBindsInOrder() throws Exception {
        List<BindConfig> b = binds("bind 127.0.0.1:1000", "bind [::1]:1001 accept-proxy");
        assertEquals(new InetSocketAddress(InetAddress.getByName("::1"), 1001), b.get(1).address());
        assertEquals(2, b.size());
    }

    @Test
    void portZeroAsksForAnEphemeralPort() {
        assertEquals(0, binds("bind 127.0.0.1:0").get(0).address().getPort());
    }

    @Test
    void rejectsBindWithoutAddress() {
        assertEquals(List.of(at(7) + ": 'bind' expects an address (<host>:<port>, [<ipv6>]:<port>, :<port>, "
                + "*:<port>, ipv4@<host>:<port> or ipv6@<host>:<port>)"), errors(listen("bind")));
    }

    @Test
    void rejectsBadPort() {
        assertEquals(List.of(at(7) + ": bind: invalid port '70000' in '127.0.0.1:70000': expected a number from 0 "
                + "to 65535"), errors(listen("bind 127.0.0.1:70000")));
    }

    @Test
    void rejectsBadAddress() {
        assertEquals(List.of(at(7) + ": bind: invalid IPv4 address '127.0.0.256' in '127.0.0.256:80': expected "
                + "four numbers from 0 to 255 separated by dots"), errors(listen("bind 127.0.0.256:80")));
    }

    @Test
    void rejectsSsl() {
        assertEquals(List.of(at(7) + ": 'ssl' is out of hoptrace's scope: hoptrace forwards plain TCP and does not "
                + "implement TLS", at(7) + ": 'crt' is out of hoptrace's scope: hoptrace forwards plain TCP and does "
                + "not implement TLS"), errors(listen("bind 127.0.0.1:443 ssl crt /etc/ssl/site.pem")));
    }

    @Test
    void warnsAboutIgnoredOptionsAndReadsTheRest() {
        ProxyConfig c = load(listen("bind :::8080 v4v6 name web accept-proxy"));
        assertEquals(List.of(ignored(7, "v4v6"), ignored(7, "name")), c.warnings());
        assertTrue(c.frontends().get(0).binds().get(0).acceptProxy());
    }

    @Test
    void rejectsUnknownOption() {
        assertEquals(List.of(at(7) + ": unknown option 'accept-proxy-v2' on 'bind' line"),
                errors(listen("bind 127.0.0.1:80 accept-proxy-v2")));
    }

    @Test
    void rejectsOptionWithoutItsArgument() {
        assertEquals(List.of(at(7) + ": 'bind' option 'backlog' expects an argument"),
                errors(listen("bind 127.0.0.1:80 backlog")));
    }

    @Test
    void rejectsTheSameAddressTwice() {
        assertEquals(List.of(at(8) + ": bind 127.0.0.1:18080 is already used at " + at(7)),
                errors(listen("bind 127.0.0.1:18080", "bind 127.0.0.1:18080")));
    }
}
