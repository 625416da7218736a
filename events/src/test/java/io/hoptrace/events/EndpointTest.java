package io.hoptrace.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import org.junit.jupiter.api.Test;

class EndpointTest {
    @Test
    void parsesIpv4AndPort() throws Exception {
        Endpoint e = Endpoint.parse("10.0.0.5:50869");
        assertEquals(InetAddress.getByName("10.0.0.5"), e.address());
        assertEquals(50869, e.port());
        assertEquals("10.0.0.5:50869", e.toString());
    }

    @Test
    void parsesBracketedIpv6() throws Exception {
        Endpoint e = Endpoint.parse("[2001:db8::1]:443");
        assertEquals(InetAddress.getByName("2001:db8::1"), e.address());
        assertEquals(443, e.port());
        assertTrue(e.isIpv6());
    }

    @Test
    void parsesBracketlessIpv6OfTheOriginalPatchAtTheLastColon() throws Exception {
        Endpoint e = Endpoint.parse("::1:8080");
        assertEquals(InetAddress.getByName("::1"), e.address());
        assertEquals(8080, e.port());
    }

    @Test
    void formatsIpv6CanonicallyInBrackets() {
        assertEquals("[::1]:80", Endpoint.parse("[0:0:0:0:0:0:0:1]:80").toString());
        assertEquals("[2001:db8::1:0:0:1]:1", Endpoint.parse("[2001:DB8:0:0:1:0:0:1]:1").toString());
        assertEquals("[2001:db8:0:1:1:1:1:1]:1", Endpoint.parse("[2001:db8:0:1:1:1:1:1]:1").toString());
        assertEquals("[fe80::]:2", Endpoint.parse("[fe80::]:2").toString());
    }

    @Test
    void foldsIpv4MappedIpv6ToIpv4() {
        assertEquals("127.0.0.1:9", Endpoint.parse("[::ffff:127.0.0.1]:9").toString());
    }

    @Test
    void readsUnknownForUnixSockets() {
        assertSame(Endpoint.UNKNOWN, Endpoint.parse("unknown"));
        assertEquals("unknown", Endpoint.UNKNOWN.toString());
        assertTrue(Endpoint.UNKNOWN.isUnknown());
    }

    @Test
    void mapsNonInetSocketAddressesToUnknown() {
        assertSame(Endpoint.UNKNOWN, Endpoint.of(UnixDomainSocketAddress.of("/tmp/x.sock")));
        assertEquals("127.0.0.1:80", Endpoint.of(new InetSocketAddress("127.0.0.1", 80)).toString());
    }

    @Test
    void rejectsPortAbove65535() {
        assertNull(Endpoint.tryParse("1.2.3.4:65536", 0, 13));
        assertThrows(IllegalArgumentException.class, () -> new Endpoint(InetAddress.getLoopbackAddress(), 65536));
    }

    @Test
    void rejectsMissingPort() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("1.2.3.4"));
        assertTrue(e.getMessage().contains("'1.2.3.4'"), e.getMessage());
    }

    @Test
    void rejectsHostNamesWithoutResolvingThem() {
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("localhost:80"));
    }

    @Test
    void rejectsUnbalancedBrackets() {
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("[::1:80"));
    }

    @Test
    void rejectsPortOnUnknown() {
        assertThrows(IllegalArgumentException.class, () -> new Endpoint(null, 5));
    }

    @Test
    void ordersIpv4BeforeIpv6ThenByAddressAndPort() {
        Endpoint a = Endpoint.parse("10.0.0.1:5");
        Endpoint b = Endpoint.parse("10.0.0.1:6");
        Endpoint c = Endpoint.parse("[::1]:1");
        assertTrue(a.compareTo(b) < 0);
        assertTrue(b.compareTo(c) < 0);
        assertTrue(Endpoint.UNKNOWN.compareTo(a) < 0);
    }
}
