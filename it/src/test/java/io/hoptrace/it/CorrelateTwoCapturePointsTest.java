package io.hoptrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.correlator.CaptureFiles;
import io.hoptrace.correlator.CorrelationOptions;
import io.hoptrace.correlator.CorrelationReport;
import io.hoptrace.correlator.Correlator;
import io.hoptrace.correlator.Hop;
import io.hoptrace.correlator.Trace;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two capture points that overlap: one sees hops 0 and 1 of the chain, the other hops 1 and 2, taken at the same
 * time on {@code lo} with different filters, next to a third capture of everything. Merged, the two give the
 * single capture's traces, and hop 1's packets, seen at both points, count once.
 */
class CorrelateTwoCapturePointsTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final ClientConnections clients = new ClientConnections();

    @Test
    @Timeout(120)
    void twoCapturePointsMergeIntoTheTracesOfOneCountingSharedPacketsOnce() throws Exception {
        try (Chain chain = Chain.start(dir, InetAddress.getByName("127.0.0.1"));
                SessionRecording recording = SessionRecording.start(chain, dir.resolve("events.jsonl"));
                LoopbackCapture front = LoopbackCapture.start(Chain.filterFor(List.of(chain.edge(), chain.mid())),
                        dir.resolve("front.pcap"));
                LoopbackCapture back = LoopbackCapture.start(Chain.filterFor(List.of(chain.mid(),
                        chain.backend())), dir.resolve("back.pcap"));
                LoopbackCapture all = LoopbackCapture.start(chain.filter(), dir.resolve("all.pcap"))) {
            ExpectedTraces expected = new ExpectedTraces(chain);
            for (int i = 0; i < 4; i++) {
                ClientConnection c = clients.connect(chain, "n" + i);
                for (int k = 0; k < i * 5; k++) {
                    c.roundTrip("request " + k);
                }
                c.closeOrderly();
                expected.add(c, ExpectedTraces.Ending.CLIENT_CLOSES);
            }
            ClientConnection reset = clients.connect(chain, "reset");
            assertTrue(reset.resetByBackend(), "the backend's reset reached the client as a reset");
            expected.add(reset, ExpectedTraces.Ending.BACKEND_RESETS);

            int n = expected.size();
            front.awaitEnds(2 * n, Await.PATIENCE);
            back.awaitEnds(2 * n, Await.PATIENCE);
            all.awaitEnds(3 * n, Await.PATIENCE);
            recording.awaitAllClosed(n);
            Path events = recording.stop();
            Path frontPcap = front.stop();
            Path backPcap = back.stop();
            Path allPcap = all.stop();

            CorrelationReport merged = correlate(events, frontPcap, backPcap);
            CorrelationReport single = correlate(events, allPcap);
            assertEquals(List.of(), merged.unexplainedFlows());
            assertEquals(List.of(), merged.uncapturedSessions());
            List<TraceView> mergedTraces = merged.traces().stream().map(TraceView::of).toList();
            assertEquals(single.traces().stream().map(TraceView::of).toList(), mergedTraces,
                    "the merged captures give the single capture's traces, hop by hop, packet for packet");
            expected.verify(mergedTraces, Pcap4jConnections.read(allPcap));

            long hop1Packets = 0;
            for (Trace t : merged.traces()) {
                List<Hop> hops = t.hops();
                assertEquals(0b01, hops.get(0).connection().captureMask(), "hop 0 seen by the front capture only");
                assertEquals(0b11, hops.get(1).connection().captureMask(), "hop 1 seen by both");
                assertEquals(0b10, hops.get(2).connection().captureMask(), "hop 2 seen by the back capture only");
                hop1Packets += hops.get(1).connection().packets();
            }
            assertEquals(hop1Packets, merged.counts().duplicatePackets(),
                    "each of hop 1's packets read twice and counted once");
            assertEquals(single.counts().tcpPackets(), merged.counts().tcpPackets());
            assertEquals(single.counts().packets() + hop1Packets, merged.counts().packets());
        }
    }

    private static CorrelationReport correlate(Path events, Path... captures) throws IOException {
        Correlator correlator = new Correlator(CorrelationOptions.defaults());
        correlator.addEventLog(events, null);
        for (int i = 0; i < captures.length; i++) {
            correlator.addPacketSource(CaptureFiles.open(captures[i], i));
        }
        return correlator.run();
    }
}
