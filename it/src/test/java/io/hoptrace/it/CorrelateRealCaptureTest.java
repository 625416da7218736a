package io.hoptrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.correlator.CaptureFiles;
import io.hoptrace.correlator.CorrelationOptions;
import io.hoptrace.correlator.CorrelationReport;
import io.hoptrace.correlator.Correlator;
import io.hoptrace.correlator.Hop;
import io.hoptrace.correlator.Trace;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real two-hop chain captured on {@code lo} while the tracer records its events, then correlated: every client
 * connection is one trace of three hops whose tuples, packets and bytes are what the sockets and pcap4j say.
 */
class CorrelateRealCaptureTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final ClientConnections clients = new ClientConnections();

    @Test
    @Timeout(120)
    void everyClientConnectionIsOneThreeHopTraceCountedLikePcap4j() throws Exception {
        correlateChainOn(InetAddress.getByName("127.0.0.1"), 6);
    }

    @Test
    @Timeout(120)
    void aChainOnIpv6LoopbackIsFollowedTheSameWay() throws Exception {
        correlateChainOn(InetAddress.getByName("::1"), 3);
    }

    /** {@code normal} connections closed by their clients, one with more data, one the backend resets. */
    private void correlateChainOn(InetAddress host, int normal) throws Exception {
        Path pcap;
        Path events;
        ExpectedTraces expected;
        try (Chain chain = Chain.start(dir, host);
                SessionRecording recording = SessionRecording.start(chain, dir.resolve("events.jsonl"));
                LoopbackCapture capture = LoopbackCapture.start(chain.filter(), dir.resolve("lo.pcap"))) {
            expected = new ExpectedTraces(chain);
            List<ClientConnection> open = new ArrayList<>();
            for (int i = 0; i < normal; i++) {
                open.add(clients.connect(chain, "n" + i));
            }
            ClientConnection reset = clients.connect(chain, "reset");
            for (int i = 0; i < 50; i++) {
                open.get(0).roundTrip("line " + i + " of a longer conversation");
            }
            for (ClientConnection c : open) {
                c.closeOrderly();
                expected.add(c, ExpectedTraces.Ending.CLIENT_CLOSES);
            }
            assertTrue(reset.resetByBackend(), "the backend's reset reached the client as a reset");
            expected.add(reset, ExpectedTraces.Ending.BACKEND_RESETS);

            capture.awaitEnds(3 * expected.size(), Await.PATIENCE);
            recording.awaitAllClosed(expected.size());
            pcap = capture.stop();
            events = recording.stop();

            Correlator correlator = new Correlator(CorrelationOptions.defaults());
            correlator.addEventLog(events, null);
            correlator.addPacketSource(CaptureFiles.open(pcap, 0));
            CorrelationReport report = correlator.run();

            assertEquals(List.of(), report.damage());
            assertEquals(List.of(), report.unexplainedFlows(), "every captured connection is a hop of a trace");
            assertEquals(List.of(), report.uncapturedSessions(), "every session's connections were captured");
            assertEquals(expected.size(), report.counts().completeTraces());
            assertEquals(3L * expected.size(), report.counts().connections());
            expected.verify(report.traces().stream().map(TraceView::of).toList(), Pcap4jConnections.read(pcap));
            for (Trace t : report.traces()) {
                assertTrue(t.complete() && !t.failed(), () -> "complete trace: " + t);
            }
            // The reset starts on the mid -> backend hop; each proxy then resets the hop before it, in turn.
            Trace resetTrace = report.traces().stream()
                    .filter(t -> t.origin().equals(reset.local())).findFirst().orElseThrow();
            long backendReset = resetTrace.hops().get(2).connection().down().rstNanos();
            long midReset = resetTrace.hops().get(1).connection().down().rstNanos();
            long edgeReset = resetTrace.hops().get(0).connection().down().rstNanos();
            assertTrue(backendReset <= midReset && midReset <= edgeReset, () -> "RST times of hops 2, 1, 0: "
                    + backendReset + ", " + midReset + ", " + edgeReset);
            for (Hop h : resetTrace.hops()) {
                assertFalse(h.connection().up().sentRst(), () -> "no RST from the initiator of " + h);
            }
        }
    }
}
