package io.hoptrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hoptrace.correlator.BpfFilters;
import io.hoptrace.correlator.CaptureFiles;
import io.hoptrace.correlator.LiveCapture;
import io.hoptrace.correlator.Packet;
import io.hoptrace.correlator.PacketSource;
import io.hoptrace.events.Endpoint;
import io.hoptrace.proxy.ProxyConfig;
import io.hoptrace.proxy.ProxyRuntime;
import io.hoptrace.proxy.ProxyServer;
import io.hoptrace.proxy.RuntimeOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hoptrace trace} end to end: a two-hop chain of hoptrace proxies in this process ({@code client -> edge ->
 * mid -> echo backend}, loopback, ephemeral ports, Unix stats sockets), the command run in-process on {@code lo},
 * and client connections through the chain. Every connection must come out as a trace of three captured hops
 * whose four-tuples are the sockets really used and whose bytes are what the client sent and received. Live
 * capture needs root (CI runs as root): without it the test fails and says so.
 */
class TraceCommandTest {
    private static final int CONNECTIONS = 3;

    @TempDir
    Path dir;

    /** Reads each connection's request to its end, answers twice as many bytes, remembers the socket. */
    private static final class EchoBackend implements AutoCloseable {
        final ServerSocket server = new ServerSocket();
        /** Request size to the peer of the connection that carried it: mid's outbound socket. */
        final Map<Integer, Endpoint> byRequestSize = new ConcurrentHashMap<>();
        final CountDownLatch accepted = new CountDownLatch(1);
        private final Thread acceptor;

        EchoBackend() throws IOException {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            acceptor = new Thread(this::acceptLoop, "trace-test-echo");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        Endpoint endpoint() {
            return Endpoint.of(server.getLocalSocketAddress());
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    accepted.countDown();
                    Thread t = new Thread(() -> serve(s), "trace-test-echo-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private void serve(Socket s) {
            try (s) {
                s.setSoTimeout(20_000);
                byte[] request = s.getInputStream().readAllBytes();
                byRequestSize.put(request.length, Endpoint.of(s.getRemoteSocketAddress()));
                s.getOutputStream().write(new byte[2 * request.length]);
            } catch (IOException e) {
                // the client sees the failure
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    @Test
    @Timeout(90)
    void printsOneCompleteThreeHopTracePerConnectionWithTheRealSocketsAndBytes() throws Exception {
        requireCapture();
        ObjectMapper json = new ObjectMapper();
        try (EchoBackend echo = new EchoBackend();
             ProxyRuntime runtime = ProxyRuntime.create(RuntimeOptions.defaults().withIoThreads(2))) {
            Path midSocket = dir.resolve("mid.sock");
            Path edgeSocket = dir.resolve("edge.sock");
            ProxyServer mid = runtime.start(config("mid", midSocket, "listen mid\n    bind 127.0.0.1:0\n"
                    + "    server app " + echo.endpoint() + "\n"));
            Endpoint midFrontend = Endpoint.of(mid.frontendAddress("mid"));
            ProxyServer edge = runtime.start(config("edge", edgeSocket, "frontend web\n    bind 127.0.0.1:0\n"
                    + "    default_backend to_mid\n\nbackend to_mid\n    server mid " + midFrontend + "\n"));
            Endpoint edgeFrontend = Endpoint.of(edge.frontendAddress("web"));

            // A connection left open, so that the snapshot the command starts from names every endpoint: its
            // capture filter is complete before the first traced connection (no filter change while they run).
            try (Socket idle = new Socket(InetAddress.getLoopbackAddress(), edgeFrontend.port())) {
                assertTrue(echo.accepted.await(10, TimeUnit.SECONDS), "the idle connection reached the backend");
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                picocli.CommandLine cl = HoptraceCommand.commandLine();
                cl.setOut(new PrintWriter(out, true));
                cl.setErr(new PrintWriter(err, true));
                Path pcap = dir.resolve("trace.pcap");
                CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cl.execute("trace",
                        "-s", "edge=" + edgeSocket, "-s", "mid=" + midSocket, "-i", "lo",
                        "--count", Integer.toString(CONNECTIONS), "--format", "json", "--duration", "20s",
                        "--write-pcap", pcap.toString()));
                String filter = BpfFilters.forEndpoints(List.of(edgeFrontend, midFrontend, echo.endpoint()));
                awaitText(err, "capturing on lo (filter: " + filter + ")", run);

                Map<Endpoint, Integer> sizeByClient = new HashMap<>();
                for (int i = 0; i < CONNECTIONS; i++) {
                    int size = 1000 * (i + 1) + 17;
                    sizeByClient.put(request(edgeFrontend, size), size);
                }
                Set<Integer> edgeOutboundPorts = KernelTcp.localPortsTo(midFrontend);

                int exit = run.get(30, TimeUnit.SECONDS); // --duration ends it by then in any case
                assertEquals(ExitCodes.OK, exit, () -> "exit code; stderr:\n" + err);
                assertTrue(err.toString().contains("hoptrace trace: " + CONNECTIONS + " traces; 0 connections explained"
                        + " by no session, 0 sessions without captured packets"), err::toString);
                List<String> lines = out.toString().lines().toList();
                assertEquals(CONNECTIONS, lines.size(), () -> "one JSON line per connection:\n" + out + "\n" + err);
                Set<Endpoint> seenClients = new HashSet<>();
                Set<Integer> hop1Ports = new HashSet<>();
                Map<Set<Endpoint>, Integer> packetsInFile = packetsByConnection(pcap);
                Map<Set<Endpoint>, Integer> packetsInTraces = new HashMap<>();
                for (String line : lines) {
                    JsonNode t = json.readTree(line);
                    JsonNode hops = t.get("hops");
                    assertEquals(3, hops.size(), () -> "three hops in " + line);
                    assertTrue(t.get("complete").asBoolean(), () -> "every hop captured in " + line);
                    Endpoint client = Endpoint.parse(hops.get(0).get("client").asText());
                    Integer size = sizeByClient.get(client);
                    assertNotNull(size, () -> "hop 0 starts at a test client " + sizeByClient.keySet() + ": " + line);
                    assertTrue(seenClients.add(client), () -> "one trace per connection: " + line);
                    assertEquals(edgeFrontend.toString(), hops.get(0).get("server").asText(), line);

                    assertEquals(midFrontend.toString(), hops.get(1).get("server").asText(), line);
                    Endpoint edgeOutbound = Endpoint.parse(hops.get(1).get("client").asText());
                    assertTrue(edgeOutboundPorts.contains(edgeOutbound.port()), () -> "hop 1 leaves from a socket"
                            + " the kernel had toward mid " + edgeOutboundPorts + ": " + line);
                    assertTrue(hop1Ports.add(edgeOutbound.port()), line);

                    assertEquals(String.valueOf(echo.byRequestSize.get(size)), hops.get(2).get("client").asText(),
                            line);
                    assertEquals(echo.endpoint().toString(), hops.get(2).get("server").asText(), line);

                    for (JsonNode h : hops) {
                        packetsInTraces.put(Set.of(Endpoint.parse(h.get("client").asText()),
                                Endpoint.parse(h.get("server").asText())),
                                h.get("packets").get("up").asInt() + h.get("packets").get("down").asInt());
                        assertTrue(h.get("captured").asBoolean(), () -> "captured: " + h);
                        assertEquals(size, h.get("bytes").get("up").asInt(), () -> "request bytes of " + h);
                        assertEquals(2 * size, h.get("bytes").get("down").asInt(), () -> "response bytes of " + h);
                        assertEquals("FIN", h.get("end").asText(), () -> "end of " + h);
                    }
                    JsonNode proxies = t.get("proxies");
                    assertEquals("edge", proxies.get(0).get("source").asText(), line);
                    assertEquals("mid", proxies.get(1).get("source").asText(), line);
                    assertEquals(size, proxies.get(0).get("bytesIn").asInt(), line);
                }
                assertEquals(packetsInTraces, packetsInFile, "--write-pcap wrote the packets of the traces, each once");
            }
        }
    }

    @Test
    @Timeout(30)
    void anUnknownInterfaceIsOneLineWithExitCode1() {
        CommandResult r = CommandResult.run("trace", "-s", "edge=" + dir.resolve("none.sock"), "-i", "no-such-if0");
        assertEquals(ExitCodes.FAILURE, r.exit());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("hoptrace trace: -i no-such-if0: no such interface (interfaces here: "),
                lines.get(0));
        assertTrue(lines.get(0).contains("lo"), lines.get(0));
    }

    @Test
    @Timeout(30)
    void anUnreachableStatsSocketIsReportedLikeSessionsDoes() {
        Path none = dir.resolve("none.sock");
        CommandResult r = CommandResult.run("trace", "-s", "edge=" + none, "-i", "lo", "--timeout", "5s");
        assertEquals(ExitCodes.FAILURE, r.exit());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("hoptrace trace: cannot connect to edge (" + none + ")"), lines.get(0));
    }

    @Test
    void helpShowsARealExample() {
        CommandResult r = CommandResult.run("trace", "--help");
        assertEquals(ExitCodes.OK, r.exit());
        assertTrue(r.out().contains("hoptrace trace -s edge=/run/edge.sock -s mid=/run/mid.sock -i lo"), r.out());
    }

    /** The packets of a capture file, counted per connection (its two endpoints, either way). */
    private static Map<Set<Endpoint>, Integer> packetsByConnection(Path file) throws IOException {
        Map<Set<Endpoint>, Integer> counts = new HashMap<>();
        try (PacketSource s = CaptureFiles.open(file, 0)) {
            for (Packet p; (p = s.next()) != null; ) {
                assertTrue(p.isTcp(), "only TCP in " + file);
                Set<Endpoint> ends = Set.of(endpoint(p.srcAddrLo(), p.srcPort()),
                        endpoint(p.dstAddrLo(), p.dstPort()));
                counts.merge(ends, 1, Integer::sum);
            }
        }
        return counts;
    }

    /** An IPv4 endpoint from the low long of a packet's address (IPv4-mapped, see {@link Packet}). */
    private static Endpoint endpoint(long addressLo, int port) throws IOException {
        int v4 = (int) addressLo;
        byte[] b = {(byte) (v4 >>> 24), (byte) (v4 >>> 16), (byte) (v4 >>> 8), (byte) v4};
        return Endpoint.of(InetAddress.getByAddress(b), port);
    }

    /** Live capture needs root or CAP_NET_RAW, and libpcap; this test must not pass without them. */
    private static void requireCapture() {
        try {
            LiveCapture.open("lo", "tcp and port 9 and host 127.0.0.254", 0).close();
        } catch (IOException | LinkageError e) {
            fail("hoptrace trace captures on lo, which needs root (or CAP_NET_RAW) and libpcap (Debian: libpcap0.8);"
                    + " CI runs as root: " + e.getMessage(), e);
        }
    }

    private ProxyConfig config(String name, Path socket, String proxies) throws IOException {
        Path file = dir.resolve(name + ".cfg");
        Files.writeString(file, "global\n    node " + name + "\n    stats socket " + socket + " mode 600 level admin\n\n"
                + "defaults\n    mode tcp\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\n"
                + proxies, StandardCharsets.UTF_8);
        return ProxyConfig.load(file);
    }

    /** One client connection: sends {@code size} bytes, reads the answer to its end; returns its own socket. */
    private static Endpoint request(Endpoint entry, int size) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), entry.port())) {
            s.setSoTimeout(20_000);
            Endpoint local = Endpoint.of(s.getLocalSocketAddress());
            OutputStream o = s.getOutputStream();
            o.write(new byte[size]);
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            assertEquals(2 * size, in.readAllBytes().length, "answer bytes");
            return local;
        }
    }

    /** Polls {@code w} until it contains {@code text}, the command ends, or 30 s pass. */
    private static void awaitText(StringWriter w, String text, CompletableFuture<Integer> run)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!w.toString().contains(text)) {
            if (run.isDone() || System.nanoTime() > deadline) {
                fail("expected <" + text + "> on stderr, got:\n" + w + (run.isDone() ? "(the command ended: exit "
                        + run.getNow(null) + ")" : "(after 30 s)"));
            }
            TimeUnit.MILLISECONDS.sleep(20); // the poll interval of a wait bounded by the deadline
        }
    }

    /** The kernel's own lists of TCP sockets (/proc/net/tcp and tcp6), to check the sockets a trace names. */
    private static final class KernelTcp {
        /**
         * Local ports of the sockets whose peer is the IPv4 {@code remote} (any state, TIME_WAIT included): AF_INET
         * sockets, and AF_INET6 ones connected to its IPv4-mapped address (the io_uring transport's outbound
         * sockets are dual-stack).
         */
        static Set<Integer> localPortsTo(Endpoint remote) throws IOException {
            Set<Integer> ports = new HashSet<>();
            String v4 = String.format("%08X", Integer.reverseBytes(v4(remote)));
            String port = String.format(":%04X", remote.port());
            collect(Path.of("/proc/net/tcp"), v4 + port, ports);
            // ::ffff:a.b.c.d as four host-order 32-bit words: 0, 0, 0xffff (byte-swapped), the address.
            collect(Path.of("/proc/net/tcp6"), "0000000000000000FFFF0000" + v4 + port, ports);
            return ports;
        }

        private static void collect(Path table, String peer, Set<Integer> ports) throws IOException {
            for (String line : Files.readAllLines(table)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 2 && f[2].equals(peer)) {
                    ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                }
            }
        }

        private static int v4(Endpoint e) {
            byte[] b = e.address().getAddress();
            return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        }
    }
}
