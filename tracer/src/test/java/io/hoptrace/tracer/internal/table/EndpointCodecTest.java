package io.hoptrace.tracer.internal.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.EventLineParser;
import org.junit.jupiter.api.Test;

class EndpointCodecTest {
    private final EndpointCodec codec = new EndpointCodec();

    @Test
    void roundTripsIpv4Ipv6AndUnknown() {
        for (String s : new String[] {"10.0.0.5:50869", "255.255.255.255:65535", "0.0.0.0:0", "[2001:db8::5]:443",
            "[::1]:1", "unknown"}) {
            Endpoint e = Endpoint.parse(s);
            assertEquals(e, codec.decode(codec.acquire(e)), s);
        }
    }

    @Test
    void releasesAnIpv6AddressWhenItsLastUserIsGone() {
        Endpoint a = Endpoint.parse("[2001:db8::5]:443");
        Endpoint b = Endpoint.parse("[2001:db8::5]:444");
        long ka = codec.acquire(a);
        long kb = codec.acquire(b);
        assertEquals(1, codec.internedV6());
        codec.release(ka);
        assertEquals(1, codec.internedV6());
        assertEquals(kb, codec.find(b));
        codec.release(kb);
        assertEquals(0, codec.internedV6());
        assertEquals(-1, codec.find(b));
    }

    @Test
    void findsIpv4WithoutInterning() {
        Endpoint e = Endpoint.parse("10.0.0.5:1");
        assertEquals(codec.acquire(e), codec.find(e));
        assertEquals(0, codec.internedV6());
    }

    @Test
    void packsAScannedLineLikeItsEndpoints() {
        EventLineParser p = new EventLineParser();
        p.scan("+ 1 10.0.0.5:50869 [2001:db8::10]:443 unknown [::ffff:10.0.0.20]:8443");
        for (int field = 0; field < 4; field++) {
            Endpoint e = p.endpoint(field);
            long scanned = codec.acquire(p, field);
            assertEquals(codec.find(e), scanned, e.toString());
            assertEquals(scanned, codec.find(p, field), e.toString());
            assertEquals(e, codec.decode(scanned), e.toString());
        }
        assertEquals(1, codec.internedV6());
    }

    @Test
    void findsNothingForAScannedIpv6AddressNoEntryUses() {
        EventLineParser p = new EventLineParser();
        p.scan("x 1 [2001:db8::5]:1 unknown");
        assertEquals(-1, codec.find(p, EventLineParser.CLIENT));
        assertEquals(EndpointCodec.UNKNOWN, codec.find(p, EventLineParser.FRONTEND));
    }
}
