package io.hoptrace.proxy.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class AddressParserTest {
    private static final String FORMS = "expected <host>:<port>, [<ipv6>]:<port>, ipv4@<host>:<port> or "
            + "ipv6@<host>:<port>";

    private static InetSocketAddress inet(String ip, int port) throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    private static String error(Executable parse) {
        return assertThrows(IllegalArgumentException.class, parse).getMessage();
    }

    @Test
    void bindsIpv4() throws Exception {
        assertEquals(inet("127.0.0.1", 18080), AddressParser.bind("127.0.0.1:18080"));
    }

    @Test
    void bindsBracketedIpv6() throws Exception {
        assertEquals(inet("::1", 8443), AddressParser.bind("[::1]:8443"));
    }

    @Test
    void splitsBareIpv6AtTheLastColon() throws Exception {
        assertEquals(inet("::", 8080), AddressParser.bind(":::8080"));
        assertEquals(inet("::1", 8080), AddressParser.bind("::1:8080"));
    }

    @Test
    void starAndEmptyHostMeanAnyIpv4Address() throws Exception {
        assertEquals(inet("0.0.0.0", 80), AddressParser.bind("*:80"));
        assertEquals(inet("0.0.0.0", 80), AddressParser.bind(":80"));
    }

    @Test
    void familyPrefixes() throws Exception {
        assertEquals(inet("127.0.0.1", 80), AddressParser.bind("ipv4@127.0.0.1:80"));
        assertEquals(inet("::1", 80), AddressParser.bind("ipv6@::1:80"));
        assertEquals(inet("::1", 80), AddressParser.bind("ipv6@[::1]:80"));
        assertEquals(inet("::", 80), AddressParser.bind("ipv6@:80"));
    }

    @Test
    void resolvesHostNames() throws Exception {
        assertEquals(inet("127.0.0.1", 80), AddressParser.server("ipv4@localhost:80"));
    }

    @Test
    void bindAcceptsPortZeroForAnEphemeralPort() throws Exception {
        assertEquals(inet("127.0.0.1", 0), AddressParser.bind("127.0.0.1:0"));
    }

    @Test
    void serverRejectsPortZero() {
        assertEquals("invalid port '0' in '127.0.0.1:0': expected a number from 1 to 65535",
                error(() -> AddressParser.server("127.0.0.1:0")));
    }

    @Test
    void rejectsPortAbove65535() {
        assertEquals("invalid port '65536' in '127.0.0.1:65536': expected a number from 0 to 65535",
                error(() -> AddressParser.bind("127.0.0.1:65536")));
    }

    @Test
    void rejectsNonNumericPort() {
        assertEquals("invalid port 'http' in '127.0.0.1:http': expected a number from 0 to 65535",
                error(() -> AddressParser.bind("127.0.0.1:http")));
    }

    @Test
    void rejectsMissingPort() {
        assertEquals("missing port in '127.0.0.1'; " + FORMS, error(() -> AddressParser.server("127.0.0.1")));
        assertEquals("missing port in '127.0.0.1:'; " + FORMS, error(() -> AddressParser.bind("127.0.0.1:")));
    }

    @Test
    void rejectsPortRanges() {
        assertEquals("port ranges ('8000-8010') are out of hoptrace's scope, got ':8000-8010'; expected a single "
                + "port from 0 to 65535", error(() -> AddressParser.bind(":8000-8010")));
    }

    @Test
    void rejectsPortOffsets() {
        assertEquals("port offsets ('+1') are out of hoptrace's scope, got '10.0.0.1:+1'; expected a port from 1 "
                + "to 65535", error(() -> AddressParser.server("10.0.0.1:+1")));
    }

    @Test
    void rejectsInvalidIpv4() {
        assertEquals("invalid IPv4 address '1.2.3' in '1.2.3:80': expected four numbers from 0 to 255 separated "
                + "by dots", error(() -> AddressParser.bind("1.2.3:80")));
        assertEquals("invalid IPv4 address '1.2.3.256' in '1.2.3.256:80': expected four numbers from 0 to 255 "
                + "separated by dots", error(() -> AddressParser.bind("1.2.3.256:80")));
    }

    @Test
    void rejectsInvalidIpv6() {
        assertEquals("invalid IPv6 address '::g' in '[::g]:80'", error(() -> AddressParser.bind("[::g]:80")));
    }

    @Test
    void rejectsIpv6AfterIpv4Prefix() {
        assertEquals("expected an IPv4 address after ipv4@, got 'ipv4@[::1]:80'",
                error(() -> AddressParser.bind("ipv4@[::1]:80")));
    }

    @Test
    void rejectsIpv4AfterIpv6Prefix() {
        assertEquals("expected an IPv6 address after ipv6@, got 'ipv6@127.0.0.1:80'",
                error(() -> AddressParser.bind("ipv6@127.0.0.1:80")));
    }

    @Test
    void rejectsOtherFamilyPrefixes() {
        assertEquals("address prefix 'abns@' is out of hoptrace's scope, got 'abns@x:1'; " + FORMS,
                error(() -> AddressParser.bind("abns@x:1")));
    }

    @Test
    void rejectsUnixSocketBinds() {
        assertEquals("Unix socket binds are out of hoptrace's scope (TCP only), got '/run/x.sock'; " + FORMS,
                error(() -> AddressParser.bind("/run/x.sock")));
    }

    @Test
    void rejectsUnixSocketServers() {
        assertEquals("Unix socket servers are out of hoptrace's scope (TCP only), got 'unix@/run/x.sock'; "
                + FORMS, error(() -> AddressParser.server("unix@/run/x.sock")));
    }

    @Test
    void rejectsAddressLists() {
        assertEquals("address lists are out of hoptrace's scope (write one line per address), got ':80,:81'",
                error(() -> AddressParser.bind(":80,:81")));
    }

    @Test
    void rejectsInvalidHostName() {
        assertEquals("invalid host name 'a/b' in 'a/b:80'; " + FORMS, error(() -> AddressParser.server("a/b:80")));
    }

    @Test
    void statsSocketPath() {
        AddressParser.StatsAddress a = AddressParser.stats("/tmp/hoptrace.sock");
        assertEquals(Path.of("/tmp/hoptrace.sock"), a.unixPath());
        assertNull(a.tcpAddress());
    }

    @Test
    void statsSocketUnixPrefix() {
        assertEquals(Path.of("run/h.sock"), AddressParser.stats("unix@run/h.sock").unixPath());
    }

    @Test
    void statsSocketTcpAddress() throws Exception {
        AddressParser.StatsAddress a = AddressParser.stats("ipv4@127.0.0.1:9999");
        assertEquals(inet("127.0.0.1", 9999), a.tcpAddress());
        assertNull(a.unixPath());
        assertEquals(inet("::1", 9999), AddressParser.stats("ipv6@[::1]:9999").tcpAddress());
        assertEquals(inet("127.0.0.1", 9999), AddressParser.stats("127.0.0.1:9999").tcpAddress());
    }

    @Test
    void statsSocketRejectsTooLongPath() {
        String path = "/tmp/" + "x".repeat(103);
        assertEquals("Unix socket path '" + path + "' is 108 bytes long; the maximum is 107",
                error(() -> AddressParser.stats(path)));
    }

    @Test
    void statsSocketRejectsEmptyUnixPath() {
        assertEquals("expected a Unix socket path after unix@, got 'unix@'", error(() -> AddressParser.stats("unix@")));
    }

    @Test
    void statsSocketRejectsRelativePathWithoutPrefix() {
        assertEquals("missing port in 'haproxy.sock'; " + FORMS, error(() -> AddressParser.stats("haproxy.sock")));
    }
}
