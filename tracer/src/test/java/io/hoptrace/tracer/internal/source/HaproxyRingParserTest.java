package io.hoptrace.tracer.internal.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.events.Endpoint;
import org.junit.jupiter.api.Test;

/** Lines as the real haproxy 2.6.12 wrote them into a ring with the log-format of docs/haproxy.md. */
class HaproxyRingParserTest {
    @Test
    void readsALineLoggedAtTheEndOfASession() {
        HaproxyRingLine r = HaproxyRingParser.parse("hoptrace-v1 0 127.0.0.1:46954 127.0.0.1:19001 127.0.0.1:41644"
                + " 127.0.0.1:19002 fe_main be_main s1 1795673662.210 1 0 2 6 6 -- -");
        assertEquals(0, r.id());
        assertEquals(Endpoint.parse("127.0.0.1:46954"), r.client());
        assertEquals(Endpoint.parse("127.0.0.1:19001"), r.frontend());
        assertEquals(Endpoint.parse("127.0.0.1:41644"), r.backend());
        assertEquals(Endpoint.parse("127.0.0.1:19002"), r.server());
        assertEquals("fe_main", r.frontendName());
        assertEquals("be_main", r.backendName());
        assertEquals("s1", r.serverName());
        assertEquals(1_795_673_662_210_000L, r.acceptMicros());
        assertEquals(1_795_673_662_212_000L, r.endMicros());
        assertEquals(6, r.bytesIn());
        assertEquals(6, r.bytesOut());
        assertEquals("--", r.term());
        assertNull(r.uniqueId());
        assertFalse(r.isOpen());
        assertFalse(r.isFailed());
    }

    @Test
    void readsIpv6AddressesWithoutBrackets() {
        HaproxyRingLine r = HaproxyRingParser.parse("hoptrace-v1 1 ::1:57280 ::1:19001 127.0.0.1:41660"
                + " 127.0.0.1:19002 fe_main be_main s1 1795673662.216 1 0 1 4 4 -- -");
        assertEquals(Endpoint.parse("[::1]:57280"), r.client());
        assertEquals(Endpoint.parse("[::1]:19001"), r.frontend());
    }

    @Test
    void readsALineLoggedAtConnectByOptionLogasapAsAnOpen() {
        HaproxyRingLine r = HaproxyRingParser.parse("hoptrace-v1 0 127.0.0.1:41284 127.0.0.1:19203"
                + " 127.0.0.1:36700 127.0.0.1:19202 fe_asap be_live live 1795674511.802 1 0 +0 0 +0 -- -");
        assertTrue(r.partial());
        assertTrue(r.isOpen());
        assertFalse(r.isFailed());
    }

    @Test
    void readsAFailedServerConnectionAsFailed() {
        HaproxyRingLine r = HaproxyRingParser.parse("hoptrace-v1 2 127.0.0.1:51586 127.0.0.1:19003"
                + " 127.0.0.1:58518 127.0.0.1:19009 fe_asap be_dead dead 1795673662.220 1 -1 +3005 2 +0 SC"
                + " 7F000001:C982_6B07CE3EDC_0002:1B66");
        assertTrue(r.isFailed());
        assertEquals(-1, r.tc());
        assertEquals("SC", r.term());
        assertEquals("7F000001:C982_6B07CE3EDC_0002:1B66", r.uniqueId());
    }

    @Test
    void findsTheMarkerAfterASyslogHeader() {
        HaproxyRingLine r = HaproxyRingParser.parse("<134>1 2026-11-26T06:28:31.802766+00:00 - haproxy 23354 - -"
                + " hoptrace-v1 0 127.0.0.1:41284 127.0.0.1:19203 127.0.0.1:36700 127.0.0.1:19202 fe_asap be_live"
                + " live 1795674511.802 1 0 +0 0 +0 -- -");
        assertEquals(Endpoint.parse("127.0.0.1:41284"), r.client());
    }

    @Test
    void readsTheStepOfAHaproxy31LogProfile() {
        String rest = " 7 10.0.0.5:1 10.0.0.10:443 10.0.0.10:2 10.0.0.20:8443 web app s1 1795673662.210 0 1 5 0 0 -- -";
        assertEquals('+', HaproxyRingParser.parse("hoptrace-v1 +" + rest).kind());
        assertTrue(HaproxyRingParser.parse("hoptrace-v1 +" + rest).isOpen());
        assertEquals('-', HaproxyRingParser.parse("hoptrace-v1 -" + rest).kind());
        assertFalse(HaproxyRingParser.parse("hoptrace-v1 -" + rest).isOpen());
    }

    @Test
    void keepsAUniqueIdWithSpaces() {
        HaproxyRingLine r = HaproxyRingParser.parse("hoptrace-v1 7 10.0.0.5:1 10.0.0.10:443 10.0.0.10:2"
                + " 10.0.0.20:8443 web app s1 1795673662.210 0 1 5 0 0 -- req 42");
        assertEquals("req 42", r.uniqueId());
    }

    @Test
    void returnsNullForALineWithoutTheMarker() {
        assertNull(HaproxyRingParser.parse("127.0.0.1:46954 [26/Nov/2026:06:14:22.210] fe_main be_main/s1 1/0/2 6 --"));
        assertNull(HaproxyRingParser.parse("xhoptrace-v1 0 1.2.3.4:5"));
    }

    @Test
    void rejectsALineWithMissingFields() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HaproxyRingParser.parse("hoptrace-v1 0 127.0.0.1:46954 127.0.0.1:19001"));
        assertTrue(e.getMessage().contains("15 fields"), e.getMessage());
    }

    @Test
    void rejectsAnAcceptDateWithoutMilliseconds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HaproxyRingParser.parse(
                "hoptrace-v1 0 10.0.0.5:1 10.0.0.10:443 10.0.0.10:2 10.0.0.20:8443 web app s1 1795673662 0 1 5 0 0 --"));
        assertTrue(e.getMessage().startsWith("%Ts.%ms:"), e.getMessage());
    }

    @Test
    void rejectsAnAddressThatIsNotOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HaproxyRingParser.parse(
                "hoptrace-v1 0 nowhere 10.0.0.10:443 10.0.0.10:2 10.0.0.20:8443 web app s1 1.000 0 1 5 0 0 --"));
        assertTrue(e.getMessage().startsWith("%ci:%cp:"), e.getMessage());
    }
}
