package io.hoptrace.correlator.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.events.Endpoint;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class FlowAddressesTest {
    @Test
    void ipv4IsStoredIpv4Mapped() {
        InetAddress a = Endpoint.parse("192.168.1.2:1").address();
        assertEquals(0, FlowAddresses.hi(a));
        assertEquals(0x0000_ffff_c0a8_0102L, FlowAddresses.lo(a));
        assertTrue(FlowAddresses.isV4(0, FlowAddresses.lo(a)));
        assertEquals(a, FlowAddresses.toInetAddress(0, FlowAddresses.lo(a)));
    }

    @Test
    void ipv6RoundTrips() {
        InetAddress a = Endpoint.parse("[2001:db8::ff:1]:1").address();
        assertEquals(0x2001_0db8_0000_0000L, FlowAddresses.hi(a));
        assertEquals(0x0000_0000_00ff_0001L, FlowAddresses.lo(a));
        assertFalse(FlowAddresses.isV4(FlowAddresses.hi(a), FlowAddresses.lo(a)));
        assertEquals(a, FlowAddresses.toInetAddress(FlowAddresses.hi(a), FlowAddresses.lo(a)));
    }
}
