package io.hoptrace.correlator.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.FourTuple;
import org.junit.jupiter.api.Test;

class WiresharkFilterTest {
    @Test
    void ipv4TupleUsesIpAddr() {
        assertEquals("(ip.addr==10.0.0.5 && tcp.port==50000 && ip.addr==10.0.0.10 && tcp.port==443)",
                WiresharkFilter.of(FourTuple.parse("10.0.0.5:50000", "10.0.0.10:443")));
    }

    @Test
    void ipv6TupleUsesIpv6Addr() {
        assertEquals("(ipv6.addr==::1 && tcp.port==1 && ipv6.addr==fe80::1 && tcp.port==2)",
                WiresharkFilter.of(FourTuple.parse("[::1]:1", "[fe80::1]:2")));
    }

    @Test
    void unixSocketHasNoFilter() {
        assertNull(WiresharkFilter.of(new FourTuple(Endpoint.UNKNOWN, Endpoint.parse("10.0.0.1:80"))));
    }
}
