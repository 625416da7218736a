package io.hoptrace.tracer.internal.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsAddressTest {
    @Test
    void readsAPlainPathAsAUnixSocket() {
        StatsAddress a = StatsAddress.parse("/run/haproxy/admin.sock");
        assertTrue(a.isUnix());
        assertEquals("/run/haproxy/admin.sock", a.path());
    }

    @Test
    void readsAPathWithAColonAfterASlashAsAUnixSocket() {
        assertEquals("./a:1", StatsAddress.parse("./a:1").path());
    }

    @Test
    void readsARelativeFileNameAsAUnixSocket() {
        assertEquals("stats.sock", StatsAddress.parse("stats.sock").path());
    }

    @Test
    void readsUnixAt() {
        assertEquals("/run/a.sock", StatsAddress.parse("unix@/run/a.sock").path());
    }

    @Test
    void readsHostAndPort() {
        StatsAddress a = StatsAddress.parse("127.0.0.1:9999");
        assertEquals("127.0.0.1", a.host());
        assertEquals(9999, a.port());
        assertNull(a.path());
        assertEquals("localhost", StatsAddress.parse("localhost:9999").host());
    }

    @Test
    void readsBracketedIpv6() {
        StatsAddress a = StatsAddress.parse("[::1]:9999");
        assertEquals("::1", a.host());
        assertEquals(9999, a.port());
        assertEquals("::1", StatsAddress.parse("ipv6@[::1]:9999").host());
    }

    @Test
    void readsIpv4At() {
        assertEquals(9999, StatsAddress.parse("ipv4@127.0.0.1:9999").port());
    }

    @Test
    void rejectsIpv4AtWithoutAPort() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StatsAddress.parse("ipv4@127.0.0.1"));
        assertTrue(e.getMessage().contains("HOST:PORT"), e.getMessage());
    }

    @Test
    void rejectsPortZero() {
        assertThrows(IllegalArgumentException.class, () -> StatsAddress.parse("127.0.0.1:0"));
    }

    @Test
    void rejectsAbstractSockets() {
        assertThrows(IllegalArgumentException.class, () -> StatsAddress.parse("abns@haproxy"));
    }

    @Test
    void rejectsAnEmptyAddress() {
        assertThrows(IllegalArgumentException.class, () -> StatsAddress.parse(" "));
    }
}
