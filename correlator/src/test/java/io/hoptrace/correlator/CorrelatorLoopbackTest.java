package io.hoptrace.correlator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The correlator on a real capture: tcpdump records loopback while a two-proxy chain forwards client connections
 * and records its events; every client connection must come out as a complete three-hop trace. Needs root and
 * tcpdump (both on the project's machines and CI).
 */
class CorrelatorLoopbackTest {
    private static final int CONNECTIONS = 5;

    @TempDir
    Path tmp;

    @Test
    @Timeout(60)
    void realCaptureOfATwoProxyChainGivesCompleteTraces() throws Exception {
        assertTrue("root".equals(System.getProperty("user.name")),
                "capturing on lo needs root, as CI has; this test runs as " + System.getProperty("user.name"));
        assertTrue(Files.isExecutable(Path.of("/usr/bin/tcpdump")) || Files.isExecutable(Path.of("/usr/sbin/tcpdump")),
                "tcpdump is not installed; ./scripts/test installs it");
        Path capture = tmp.resolve("lo.pcap");
        try (LoopbackChain chain = new LoopbackChain("edge", "app")) {
            String filter = "tcp and (port " + chain.serverPort + " or port " + chain.proxyPorts.get(0) + " or port "
                    + chain.proxyPorts.get(1) + ")";
            Process tcpdump = new ProcessBuilder("tcpdump", "-i", "lo", "-U", "-s", "0", "-Z", "root", "-w",
                    capture.toString(), filter).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                awaitListening(tcpdump);
                for (int i = 0; i < CONNECTIONS; i++) {
                    assertEquals(LoopbackChain.RESPONSE, chain.request());
                }
                awaitClosed(capture, CONNECTIONS * 3);
            } finally {
                tcpdump.destroy();
                if (!tcpdump.waitFor(10, TimeUnit.SECONDS)) {
                    tcpdump.destroyForcibly();
                }
            }
            Correlator c = new Correlator(CorrelationOptions.defaults());
            chain.events.forEach(c::addEvent);
            c.addPacketSource(CaptureFiles.open(capture, 0));
            CorrelationReport r = c.run();

            assertEquals(CONNECTIONS, r.traces().size(), () -> "traces of " + r);
            for (Trace t : r.traces()) {
                assertTrue(t.complete(), () -> "incomplete " + t);
                assertEquals(3, t.hops().size());
                assertEquals(chain.frontPort(), t.hops().get(0).tuple().server().port());
                assertEquals(chain.serverPort, t.destination().port());
                for (Hop h : t.hops()) {
                    assertEquals(LoopbackChain.REQUEST, h.connection().up().bytes(), () -> "request bytes " + h);
                    assertEquals(LoopbackChain.RESPONSE, h.connection().down().bytes(), () -> "response bytes " + h);
                    assertTrue(h.connection().handshakeRttNanos() > 0, () -> "handshake " + h);
                    assertEquals(ConnectionEnd.FIN, h.connection().end());
                }
                for (ProxyDwell d : t.proxies()) {
                    assertTrue(d.requestDwellNanos() > 0 && d.responseDwellNanos() > 0, () -> "dwell " + d);
                }
            }
            assertEquals(List.of(), r.unexplainedFlows());
            assertEquals(List.of(), r.uncapturedSessions());
        }
    }

    /** tcpdump says "listening on lo" on stderr once its capture is open. */
    private static void awaitListening(Process tcpdump) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(tcpdump.getErrorStream(),
                StandardCharsets.UTF_8));
        String line;
        while ((line = err.readLine()) != null) {
            if (line.contains("listening on")) {
                Thread drain = new Thread(() -> {
                    try {
                        err.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException ignored) {
                        // tcpdump ended
                    }
                }, "tcpdump-stderr");
                drain.setDaemon(true);
                drain.start();
                return;
            }
        }
        throw new IOException("tcpdump ended before capturing: exit " + tcpdump.exitValue());
    }

    /** Polls the capture, up to a deadline, until it holds both FINs of every connection. */
    private static void awaitClosed(Path capture, int connections) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            int fins = 0;
            if (Files.size(capture) > 24) {
                try (PacketSource s = CaptureFiles.open(capture, 0)) {
                    Packet p;
                    while ((p = s.next()) != null) {
                        fins += (p.tcpFlags() & Packet.FIN) != 0 ? 1 : 0;
                    }
                } catch (CaptureFormatException partial) {
                    // a record being written: count again
                }
            }
            if (fins >= 2 * connections) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(20); // the interval of a poll bounded by the deadline
        }
        throw new AssertionError("the capture did not show " + connections + " closed connections within 20 s");
    }
}
