package io.hoptrace.tracer.internal.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.events.Endpoint;
import io.hoptrace.tracer.internal.net.LineChars;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HaproxySessParserTest {
    private final List<HaproxySession> sessions = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final List<String> malformed = new ArrayList<>();
    private final HaproxySessParser parser = new HaproxySessParser(new HaproxySessParser.Handler() {
        @Override
        public void session(HaproxySession s) {
            sessions.add(s);
        }

        @Override
        public void error(String text) {
            errors.add(text);
        }

        @Override
        public void malformed(String text, String why) {
            malformed.add(why);
        }
    });

    private void feed(String text) {
        for (String line : text.split("\n", -1)) {
            parser.line(LineChars.of(line));
        }
        parser.end();
    }

    private String fixture(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Captured from haproxy 2.6.12: an IPv4 and an IPv6 client established, one queued (maxconn), the CLI. */
    @Test
    void parsesShowSessAllCapturedFromHaproxy26() throws IOException {
        feed(fixture("parsesShowSessAllCapturedFromHaproxy26.txt"));
        assertEquals(List.of(), errors);
        assertEquals(List.of(), malformed);
        assertEquals(4, sessions.size());

        HaproxySession v4 = sessions.get(0);
        assertEquals(0, v4.id());
        assertEquals(Endpoint.parse("127.0.0.1:54614"), v4.source());
        assertEquals(Endpoint.parse("127.0.0.1:19101"), v4.frontendAddr());
        assertEquals(Endpoint.parse("127.0.0.1:36800"), v4.backendAddr());
        assertEquals(Endpoint.parse("127.0.0.1:19102"), v4.serverAddr());
        assertEquals("fe_main", v4.frontendName());
        assertEquals("be_main", v4.backendName());
        assertEquals("s1", v4.serverName());
        assertEquals("tcpv4", v4.proto());
        assertEquals(0, v4.ageSeconds());
        assertEquals(LocalDateTime.of(2026, 11, 26, 6, 23, 44).toEpochSecond(ZoneOffset.UTC) * 1_000_000L + 96_374,
                v4.acceptLocalMicros());
        assertTrue(v4.isProxied());

        HaproxySession v6 = sessions.get(1);
        assertEquals(Endpoint.parse("[::1]:36774"), v6.source());
        assertEquals(Endpoint.parse("[::1]:19101"), v6.frontendAddr());
        assertEquals(Endpoint.parse("127.0.0.1:36810"), v6.backendAddr());
        assertTrue(v6.isProxied());

        HaproxySession cli = sessions.get(2);
        assertEquals("GLOBAL", cli.frontendName());
        assertEquals(Endpoint.UNKNOWN, cli.source());
        assertFalse(cli.isProxied());

        HaproxySession queued = sessions.get(3);
        assertEquals(2, queued.id());
        assertNull(queued.backendAddr());
        assertNull(queued.serverName());
        assertFalse(queued.established());
        assertFalse(queued.isProxied(), "queued for a server slot: not established yet");
    }

    @Test
    void reportsAnErrorAnswerInsteadOfADump() {
        feed("Permission denied\n\n");
        assertEquals(List.of("Permission denied"), errors);
        assertTrue(sessions.isEmpty());
    }

    @Test
    void skipsABlockWithAnUnreadableAddressAndReadsTheNext() {
        feed("0x1: [26/Nov/2026:06:23:44.096374] id=5 proto=tcpv4 source=127.0.0.1:1\n"
                + "  frontend=f (id=2 mode=tcp), listener=? (id=1) addr=bogus\n"
                + "0x2: [26/Nov/2026:06:23:44.096374] id=6 proto=tcpv4 source=127.0.0.1:2\n"
                + "  frontend=f (id=2 mode=tcp), listener=? (id=1) addr=127.0.0.1:80\n"
                + "  backend=b (id=3 mode=tcp) addr=127.0.0.1:3\n"
                + "  server=s (id=1) addr=127.0.0.1:81\n\n");
        assertEquals(1, malformed.size());
        assertEquals(1, sessions.size());
        assertEquals(6, sessions.get(0).id());
        assertTrue(sessions.get(0).isProxied(), "no scb line: established assumed");
    }

    @Test
    void rejectsABlockWithABadAcceptDate() {
        feed("0x1: [26/Nov/2026 06:23:44] id=5 proto=tcpv4 source=127.0.0.1:1\n\n");
        assertEquals(1, malformed.size());
        assertTrue(sessions.isEmpty());
    }

    @Test
    void readsAgesPreciseToTheSecondOnlyBelowAnHour() {
        assertEquals(0, HaproxySessParser.humanSeconds("0s"));
        assertEquals(3599, HaproxySessParser.humanSeconds("59m59s"));
        assertEquals(120, HaproxySessParser.humanSeconds("2m"));
        assertEquals(-1, HaproxySessParser.humanSeconds("1h2m"));
        assertEquals(-1, HaproxySessParser.humanSeconds("3d4h"));
        assertEquals(-1, HaproxySessParser.humanSeconds("?"));
        assertEquals(-1, HaproxySessParser.humanSeconds("12"));
    }
}
