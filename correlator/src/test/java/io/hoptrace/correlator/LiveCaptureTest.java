package io.hoptrace.correlator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.hoptrace.events.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Captures a real loopback connection on {@code lo}. Needs root (or CAP_NET_RAW) and libpcap, as CI has: without
 * them this fails, saying why, rather than skipping.
 */
class LiveCaptureTest {
    /** What the capture thread saw, copied out of the reused packet. */
    private record Seen(int srcPort, int dstPort, int flags, int payload, long srcLo, long dstLo) {
    }

    @Test
    @Timeout(30)
    void capturesHandshakeDataAndFinsOfALoopbackConnection() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(loopback, 0));
            int port = server.getLocalPort();
            String filter = BpfFilters.forEndpoints(List.of(Endpoint.of(loopback, port)));
            LiveCapture capture;
            try {
                capture = LiveCapture.open("lo", filter, 0);
            } catch (IOException e) {
                fail("live capture on lo needs root (or CAP_NET_RAW) and libpcap (Debian: libpcap0.8): "
                        + e.getMessage(), e);
                return;
            }
            List<Seen> seen = new ArrayList<>();
            CountDownLatch bothFins = new CountDownLatch(2);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                try {
                    for (Packet p = capture.next(); p != null; p = capture.next()) {
                        synchronized (seen) {
                            seen.add(new Seen(p.srcPort(), p.dstPort(), p.tcpFlags(), p.payloadLength(),
                                    p.srcAddrLo(), p.dstAddrLo()));
                        }
                        if ((p.tcpFlags() & Packet.FIN) != 0) {
                            bothFins.countDown();
                        }
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "live-capture-test");
            reader.start();
            int clientPort;
            try {
                try (Socket client = new Socket(loopback, port); Socket accepted = server.accept()) {
                    clientPort = client.getLocalPort();
                    OutputStream out = client.getOutputStream();
                    out.write("hello".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    InputStream in = accepted.getInputStream();
                    assertEquals(5, in.readNBytes(5).length);
                    client.shutdownOutput();
                    assertEquals(-1, in.read());
                    accepted.shutdownOutput();
                    assertEquals(-1, client.getInputStream().read());
                }
                assertTrue(bothFins.await(10, TimeUnit.SECONDS), "both FINs captured within 10 s: " + seen);
            } finally {
                capture.close(); // from this thread, while the reader is blocked in next()
                reader.join(5_000);
            }
            assertFalse(reader.isAlive(), "next() returned after close()");
            if (failure.get() != null) {
                throw new AssertionError("capture thread failed", failure.get());
            }
            long loopbackMapped = 0x0000FFFF_7F000001L;
            List<Seen> packets;
            synchronized (seen) {
                packets = List.copyOf(seen);
            }
            assertTrue(packets.stream().allMatch(s -> s.srcLo() == loopbackMapped && s.dstLo() == loopbackMapped),
                    packets::toString);
            assertTrue(packets.contains(new Seen(clientPort, port, Packet.SYN, 0, loopbackMapped, loopbackMapped)),
                    "SYN client->server in " + packets);
            assertTrue(packets.contains(new Seen(port, clientPort, Packet.SYN | Packet.ACK, 0, loopbackMapped,
                    loopbackMapped)), "SYN-ACK server->client in " + packets);
            assertTrue(packets.stream().anyMatch(s -> s.srcPort() == clientPort && s.payload() == 5),
                    "5 bytes of data client->server in " + packets);
            assertTrue(packets.stream().anyMatch(s -> s.srcPort() == clientPort && (s.flags() & Packet.FIN) != 0),
                    "FIN client->server in " + packets);
            assertTrue(packets.stream().anyMatch(s -> s.srcPort() == port && (s.flags() & Packet.FIN) != 0),
                    "FIN server->client in " + packets);
        }
    }

    @Test
    void failsOnAnUnknownInterfaceNamingIt() {
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> LiveCapture.open("no-such-if0", "tcp", 0).close());
        assertTrue(e.getMessage().contains("no-such-if0"), e.getMessage());
    }

    @Test
    void failsOnABadFilterQuotingIt() {
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> LiveCapture.open("lo", "tcp and port banana", 0).close());
        assertTrue(e.getMessage().contains("'tcp and port banana'"), e.getMessage());
    }
}
