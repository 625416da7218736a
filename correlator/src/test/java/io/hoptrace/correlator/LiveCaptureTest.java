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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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
                // The message is built under the lock: the capture thread may still be adding the last ACK.
                assertTrue(bothFins.await(10, TimeUnit.SECONDS), () -> {
                    synchronized (seen) {
                        return "both FINs captured within 10 s: " + seen;
                    }
                });
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

    /**
     * A reader that falls behind (a loaded machine, a slow consumer) still gets every packet of a burst. In
     * immediate mode libpcap uses a TPACKET_V2 ring, whose frames are sized for the interface's MTU: on lo (MTU
     * 65536) the default 2 MiB buffer held about 30 packets, and the kernel dropped the rest of this conversation.
     */
    @Test
    @Timeout(60)
    void aReaderThatFallsBehindStillGetsEveryPacketOfABurst() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        int exchanges = 200;
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(loopback, 0));
            int port = server.getLocalPort();
            LiveCapture capture;
            try {
                capture = LiveCapture.open("lo", BpfFilters.forEndpoints(List.of(Endpoint.of(loopback, port))), 0);
            } catch (IOException e) {
                fail("live capture on lo needs root (or CAP_NET_RAW) and libpcap (Debian: libpcap0.8): "
                        + e.getMessage(), e);
                return;
            }
            try {
                int clientPort;
                // The whole conversation happens before anything is read from the capture: one-byte requests and
                // answers in turn, so each is a segment of its own.
                try (Socket client = new Socket(loopback, port); Socket accepted = server.accept()) {
                    clientPort = client.getLocalPort();
                    client.setSoTimeout(10_000);
                    accepted.setSoTimeout(10_000);
                    for (int i = 0; i < exchanges; i++) {
                        client.getOutputStream().write('q');
                        assertEquals('q', accepted.getInputStream().read());
                        accepted.getOutputStream().write('a');
                        assertEquals('a', client.getInputStream().read());
                    }
                    client.shutdownOutput();
                    assertEquals(-1, accepted.getInputStream().read());
                    accepted.shutdownOutput();
                    assertEquals(-1, client.getInputStream().read());
                }
                // Stops a next() that waits for packets that were lost.
                CompletableFuture.delayedExecutor(20, TimeUnit.SECONDS).execute(capture::close);
                int requests = 0;
                int answers = 0;
                int fins = 0;
                while (fins < 2) {
                    Packet p = capture.next();
                    if (p == null) {
                        fail("within 20 s the capture returned " + requests + " of " + exchanges + " requests, "
                                + answers + " of " + exchanges + " answers and " + fins + " of 2 FINs");
                    }
                    if (p.payloadLength() > 0) {
                        if (p.srcPort() == clientPort) {
                            requests++;
                        } else {
                            answers++;
                        }
                    }
                    fins += (p.tcpFlags() & Packet.FIN) != 0 ? 1 : 0;
                }
                assertEquals(exchanges, requests);
                assertEquals(exchanges, answers);
            } finally {
                capture.close();
            }
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
    private static LiveCapture openOrFail(String filter) {
        try {
            return LiveCapture.open("lo", filter, 0);
        } catch (IOException e) {
            return fail("live capture on lo needs root (or CAP_NET_RAW) and libpcap (Debian: libpcap0.8): "
                    + e.getMessage(), e);
        }
    }

    @Test
    @Timeout(10)
    void pollReturnsNullWhenWokenUpFromAnotherThread() throws Exception {
        try (LiveCapture capture = openOrFail("tcp and port 9 and host 127.0.0.254")) {
            CompletableFuture<Void> woken = CompletableFuture.runAsync(capture::wakeup,
                    CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
            // Nothing matches the filter: without the wakeup this poll would wait until the test's timeout.
            assertEquals(null, capture.poll());
            woken.get(5, TimeUnit.SECONDS);
            assertFalse(capture.isClosed());
            assertEquals(0, capture.droppedPackets(), "nothing was captured, so nothing was dropped");
            capture.close();
            assertTrue(capture.isClosed());
            assertEquals(null, capture.poll());
        }
    }

    /** Every packet read after {@link LiveCapture#writeTo} is in the file once closed, as the reader saw it. */
    @Test
    @Timeout(30)
    void writeToSavesEveryPacketReadAsANanosecondPcap(@TempDir Path tmp) throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        Path file = tmp.resolve("lo.pcap");
        List<long[]> read = new ArrayList<>();
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(loopback, 0));
            try (LiveCapture capture = openOrFail(BpfFilters.forEndpoints(List.of(Endpoint.of(loopback,
                    server.getLocalPort()))))) {
                capture.writeTo(file);
                try (Socket client = new Socket(loopback, server.getLocalPort()); Socket accepted = server.accept()) {
                    client.getOutputStream().write(new byte[3000]);
                    assertEquals(3000, accepted.getInputStream().readNBytes(3000).length);
                }
                // Ends a poll() that waits for a packet that was not captured.
                CompletableFuture.delayedExecutor(10, TimeUnit.SECONDS).execute(capture::close);
                int fins = 0;
                while (fins < 2 && !capture.isClosed()) {
                    Packet p = capture.poll();
                    if (p != null) {
                        read.add(new long[] {p.timestampNanos(), p.capturedLength(), p.wireLength(), p.linkType()});
                        fins += (p.tcpFlags() & Packet.FIN) != 0 ? 1 : 0;
                    }
                }
                assertEquals(2, fins, "both FINs read within 10 s: " + read.size() + " packets");
            }
        }
        byte[] header = Files.readAllBytes(file);
        assertEquals(0xA1B23C4D, ByteBuffer.wrap(header).order(ByteOrder.nativeOrder()).getInt(0),
                "nanosecond pcap");
        try (PacketSource back = CaptureFiles.open(file, 0)) {
            for (long[] r : read) {
                Packet p = back.next();
                assertEquals(r[0], p.timestampNanos());
                assertEquals(r[1], p.capturedLength());
                assertEquals(r[2], p.wireLength());
                assertEquals(r[3], p.linkType());
            }
            assertEquals(null, back.next(), "no packet in the file that was not read");
        }
    }

    /** A filter set while capturing lets the packets of a port it did not let through before. */
    @Test
    @Timeout(30)
    void setFilterChangesWhatIsCapturedFromTheNextPacketOn() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket first = new ServerSocket(); ServerSocket second = new ServerSocket()) {
            first.bind(new InetSocketAddress(loopback, 0));
            second.bind(new InetSocketAddress(loopback, 0));
            Endpoint a = Endpoint.of(loopback, first.getLocalPort());
            Endpoint b = Endpoint.of(loopback, second.getLocalPort());
            try (LiveCapture capture = openOrFail(BpfFilters.forEndpoints(List.of(a)))) {
                capture.setFilter(BpfFilters.forEndpoints(List.of(a, b)));
                try (Socket client = new Socket(loopback, b.port()); Socket accepted = second.accept()) {
                    client.getOutputStream().write(1);
                    assertEquals(1, accepted.getInputStream().read());
                }
                // Ends a poll() that waits for a packet that was not captured.
                CompletableFuture.delayedExecutor(10, TimeUnit.SECONDS).execute(capture::close);
                boolean syn = false;
                while (!syn && !capture.isClosed()) {
                    Packet p = capture.poll();
                    syn = p != null && p.dstPort() == b.port() && p.tcpFlags() == Packet.SYN;
                }
                assertTrue(syn, "the SYN to port " + b.port() + " was captured after the filter was widened");
                IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                        () -> capture.setFilter("tcp and port banana"));
                assertTrue(e.getMessage().contains("'tcp and port banana'"), e.getMessage());
            }
        }
    }
}
