package io.hoptrace.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo's backend, driven by the demo's own client shapes, directly (no proxy in between). */
@Timeout(30)
class DemoBackendTest {
    private static final int HEADER = "HTTP/1.0 200 OK\r\nContent-Length: 40\r\n\r\n".length();
    private DemoBackend backend;

    @BeforeEach
    void start() throws IOException {
        backend = DemoBackend.start();
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    @Test
    void answersAShortRequest() {
        DemoTraffic.Connection c = DemoTraffic.connect(DemoTraffic.Shape.SHORT, backend.ipv4());
        assertTrue(c.ok(), c.error());
        assertFalse(c.reset());
        assertEquals(HEADER + DemoBackend.BODY.length, c.received());
        assertEquals("127.0.0.1", c.client().address().getHostAddress());
    }

    @Test
    void sendsSixteenKibForBig() {
        DemoTraffic.Connection c = DemoTraffic.connect(DemoTraffic.Shape.BIG, backend.ipv4());
        assertTrue(c.ok(), c.error());
        assertEquals("HTTP/1.0 200 OK\r\nContent-Length: 16384\r\n\r\n".length() + DemoBackend.BIG, c.received());
    }

    @Test
    void resetsTheConnectionForReset() {
        DemoTraffic.Connection c = DemoTraffic.connect(DemoTraffic.Shape.RESET, backend.ipv4());
        assertTrue(c.ok(), c.error());
        assertTrue(c.reset(), "the client sees a reset");
        assertEquals(0, c.received());
    }

    @Test
    void clientAbortEndsWithoutError() {
        DemoTraffic.Connection c = DemoTraffic.connect(DemoTraffic.Shape.ABORT, backend.ipv4());
        assertTrue(c.ok(), c.error());
        assertEquals(0, c.received());
    }

    @Test
    void answersOverIpv6WhenTheHostHasIt() {
        if (backend.ipv6() == null) {
            assertNull(backend.ipv6()); // no ::1 here: the demo leaves its IPv6 connections out
            return;
        }
        DemoTraffic.Connection c = DemoTraffic.connect(DemoTraffic.Shape.IPV6, backend.ipv6());
        assertTrue(c.ok(), c.error());
        assertEquals("[::1]", c.client().toString().substring(0, 5));
    }

    @Test
    void connectionToNothingIsAnError() {
        DemoTraffic.Connection c = DemoTraffic.connect(DemoTraffic.Shape.SHORT, null);
        assertFalse(c.ok());
    }

    @Test
    void closeStopsListening() {
        InetSocketAddress a = backend.ipv4();
        backend.close();
        try (Socket s = new Socket()) {
            s.connect(a, 2000);
            throw new AssertionError("still listening on " + a);
        } catch (ConnectException expected) {
            // refused: nothing listens any more
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void readsThePathOfARequest() throws IOException {
        assertEquals("/slow", DemoBackend.readRequestPath(new ByteArrayInputStream(
                "GET /slow HTTP/1.0\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void requestWithoutItsEmptyLineHasNoPath() throws IOException {
        assertNull(DemoBackend.readRequestPath(new ByteArrayInputStream(
                "GET /slow HTTP/1.0\r\n".getBytes(StandardCharsets.US_ASCII))));
    }
}
