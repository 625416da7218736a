package io.hoptrace.tracer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SourceSpecTest {
    @Test
    void parsesANameAndAUnixPath() {
        SourceSpec s = SourceSpec.parse("edge=/run/edge.sock");
        assertEquals("edge", s.name());
        assertEquals("/run/edge.sock", s.address());
        assertEquals(SourceKind.AUTO, s.kind());
        assertEquals(Duration.ofSeconds(1), s.pollInterval());
        assertNull(s.ring());
    }

    @Test
    void namesASourceAfterItsAddressByDefault() {
        assertEquals("127.0.0.1:9999", SourceSpec.parse("127.0.0.1:9999").name());
        assertEquals("unix@/run/a.sock", SourceSpec.parse("unix@/run/a.sock").name());
    }

    @Test
    void readsAnEqualsSignInAPathAsPartOfThePath() {
        SourceSpec s = SourceSpec.parse("/run/a=b.sock");
        assertEquals("/run/a=b.sock", s.address());
        assertEquals("/run/a=b.sock", s.name());
    }

    @Test
    void parsesRingKindAndInterval() {
        SourceSpec s = SourceSpec.parse("mid=/run/haproxy.sock,ring=hoptrace,kind=haproxy,interval=250ms");
        assertEquals("hoptrace", s.ring());
        assertEquals(SourceKind.HAPROXY, s.kind());
        assertEquals(Duration.ofMillis(250), s.pollInterval());
        assertEquals("mid=/run/haproxy.sock,ring=hoptrace,kind=haproxy,interval=250ms", s.toString());
    }

    @Test
    void appliesTheCallersDefaultsUnlessTheSpecSetsThem() {
        SourceSpec s = SourceSpec.parse("a=/x.sock", SourceKind.HAPROXY, Duration.ofSeconds(5));
        assertEquals(SourceKind.HAPROXY, s.kind());
        assertEquals(Duration.ofSeconds(5), s.pollInterval());
        assertEquals(SourceKind.HOPTRACE, SourceSpec.parse("a=/x.sock,kind=hoptrace", SourceKind.HAPROXY,
                Duration.ofSeconds(5)).kind());
    }

    @Test
    void acceptsTcpAddressesInEveryForm() {
        for (String a : new String[] {"127.0.0.1:9999", "[::1]:9999", "ipv4@127.0.0.1:9999", "ipv6@[::1]:9999",
            "localhost:9999"}) {
            assertEquals(a, SourceSpec.parse("x=" + a).address());
        }
    }

    @Test
    void rejectsAnUnknownOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SourceSpec.parse("a=/x.sock,colour=red"));
        assertTrue(e.getMessage().contains("'colour=red'"), e.getMessage());
    }

    @Test
    void rejectsAnEmptyName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SourceSpec.parse("=/x.sock"));
        assertTrue(e.getMessage().startsWith("name:"), e.getMessage());
    }

    @Test
    void rejectsAnEmptyAddress() {
        assertThrows(IllegalArgumentException.class, () -> SourceSpec.parse("edge="));
    }

    @Test
    void rejectsAPortAbove65535() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SourceSpec.parse("ipv4@127.0.0.1:70000"));
        assertTrue(e.getMessage().contains("70000"), e.getMessage());
    }

    @Test
    void rejectsAnIntervalBelowTenMilliseconds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SourceSpec.parse("a=/x.sock,interval=5ms"));
        assertTrue(e.getMessage().startsWith("interval:"), e.getMessage());
    }

    @Test
    void rejectsAnUnreadableInterval() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SourceSpec.parse("a=/x.sock,interval=soon"));
        assertTrue(e.getMessage().contains("'soon'"), e.getMessage());
    }

    @Test
    void rejectsAnUnknownKind() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SourceSpec.parse("a=/x.sock,kind=nginx"));
        assertTrue(e.getMessage().contains("auto, hoptrace or haproxy"), e.getMessage());
    }

    @Test
    void rejectsAnAbstractSocket() {
        assertThrows(IllegalArgumentException.class, () -> SourceSpec.parse("abns@stats"));
    }

    @Test
    void rejectsAnEmptyRingName() {
        assertThrows(IllegalArgumentException.class, () -> SourceSpec.parse("a=/x.sock,ring="));
    }
}
