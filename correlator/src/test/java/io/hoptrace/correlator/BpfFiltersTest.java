package io.hoptrace.correlator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.correlator.internal.capture.PcapLibraryLocator;
import io.hoptrace.events.Endpoint;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.namednumber.DataLinkType;

class BpfFiltersTest {
    private static Endpoint ep(String text) {
        return Endpoint.parse(text);
    }

    @Test
    void buildsAFilterForOneEndpoint() {
        assertEquals("tcp and ((host 127.0.0.1 and port 18080))",
                BpfFilters.forEndpoints(List.of(ep("127.0.0.1:18080"))));
    }

    @Test
    void groupsPortsByHostInAStableOrder() {
        String a = BpfFilters.forEndpoints(List.of(ep("127.0.0.2:9000"), ep("127.0.0.1:18081"),
                ep("127.0.0.1:18080"), ep("127.0.0.1:18080")));
        String b = BpfFilters.forEndpoints(List.of(ep("127.0.0.1:18080"), ep("127.0.0.1:18081"),
                ep("127.0.0.2:9000")));
        assertEquals("tcp and ((host 127.0.0.1 and (port 18080 or port 18081)) or (host 127.0.0.2 and port 9000))",
                a);
        assertEquals(a, b);
    }

    @Test
    void writesIpv6HostsWithoutBrackets() {
        assertEquals("tcp and ((host 127.0.0.1 and port 80) or (host ::1 and port 443))",
                BpfFilters.forEndpoints(List.of(ep("[::1]:443"), ep("127.0.0.1:80"))));
    }

    @Test
    void treatsPortZeroAsAnyPortOfTheHost() {
        assertEquals("tcp and ((host 10.0.0.5))",
                BpfFilters.forEndpoints(List.of(ep("10.0.0.5:0"), ep("10.0.0.5:443"))));
    }

    @Test
    void leavesOutUnknownEndpoints() {
        assertEquals("tcp and ((host 127.0.0.1 and port 1))",
                BpfFilters.forEndpoints(List.of(Endpoint.UNKNOWN, ep("127.0.0.1:1"))));
    }

    @Test
    void rejectsASetWithoutIpEndpoints() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BpfFilters.forEndpoints(List.of(Endpoint.UNKNOWN)));
        assertTrue(e.getMessage().contains("endpoints"), e.getMessage());
    }

    @Test
    void buildsFiltersLibpcapCompiles() throws Exception {
        PcapLibraryLocator.configure();
        String filter = BpfFilters.forEndpoints(List.of(ep("127.0.0.1:18080"), ep("127.0.0.1:18081"),
                ep("[::1]:443"), ep("[2001:db8::1]:8443"), ep("192.0.2.7:0")));
        BpfProgram program = Pcaps.compileFilter(65536, DataLinkType.EN10MB, filter,
                BpfProgram.BpfCompileMode.OPTIMIZE, PcapHandle.PCAP_NETMASK_UNKNOWN);
        try {
            assertEquals(filter, program.getExpression());
        } finally {
            program.free();
        }
    }
}
