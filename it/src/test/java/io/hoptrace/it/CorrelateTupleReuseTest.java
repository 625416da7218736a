package io.hoptrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.hoptrace.correlator.CaptureFiles;
import io.hoptrace.correlator.CorrelationOptions;
import io.hoptrace.correlator.CorrelationReport;
import io.hoptrace.correlator.Correlator;
import io.hoptrace.events.Endpoint;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The same client port used twice towards the chain within one capture: two connections, two traces. */
class CorrelateTupleReuseTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final ClientConnections clients = new ClientConnections();

    @Test
    @Timeout(120)
    void aClientPortUsedTwiceGivesTwoSeparateTraces() throws Exception {
        InetAddress host = InetAddress.getByName("127.0.0.1");
        try (Chain chain = Chain.start(dir, host);
                SessionRecording recording = SessionRecording.start(chain, dir.resolve("events.jsonl"));
                LoopbackCapture capture = LoopbackCapture.start(chain.filter(), dir.resolve("lo.pcap"))) {
            ExpectedTraces expected = new ExpectedTraces(chain);
            // Whoever closes a TCP connection first keeps it in TIME_WAIT for 60 s (RFC 793; Linux's
            // TCP_TIMEWAIT_LEN), and while the client's port is in TIME_WAIT it cannot connect to the same
            // address again. So the server side closes first here (the backend's FIN travels back through both
            // proxies): the edge's socket takes the TIME_WAIT, and the client, closing second, is gone as soon as
            // the ACK of its FIN arrives (LAST_ACK, then CLOSED). Linux then accepts a new SYN from that same
            // port to the edge's TIME_WAIT socket because it is newer (tcp_timewait_state_process, RFC 6191):
            // the initial sequence number clock and the timestamp offset of an address pair only move forward.
            // SO_LINGER 0 on the client would avoid TIME_WAIT as well, but hop 0 would then end with a RST.
            ClientConnection first = ClientConnection.open(chain.edge(), "first", new InetSocketAddress(host, 0));
            clients.add(first);
            Endpoint port = first.local();
            first.closeByServer();
            expected.add(first, ExpectedTraces.Ending.SERVER_CLOSES);
            Await.until("the client socket " + port + " gone from the kernel's table", Await.PATIENCE,
                    () -> !KernelSockets.inUse(port));

            ClientConnection second = ClientConnection.open(chain.edge(), "second", port.toSocketAddress());
            clients.add(second);
            assertEquals(port, second.local(), "the second connection reuses the first one's client port");
            second.closeByServer();
            expected.add(second, ExpectedTraces.Ending.SERVER_CLOSES);

            capture.awaitEnds(3 * expected.size(), Await.PATIENCE);
            recording.awaitAllClosed(expected.size());
            Path pcap = capture.stop();
            Path events = recording.stop();

            Correlator correlator = new Correlator(CorrelationOptions.defaults());
            correlator.addEventLog(events, null);
            correlator.addPacketSource(CaptureFiles.open(pcap, 0));
            CorrelationReport report = correlator.run();

            assertEquals(List.of(), report.unexplainedFlows());
            assertEquals(List.of(), report.uncapturedSessions());
            List<TraceView> traces = report.traces().stream().map(TraceView::of).toList();
            // Checks instance 0 and 1 of the reused tuple against pcap4j's split at the second SYN.
            expected.verify(traces, Pcap4jConnections.read(pcap));
            assertEquals(traces.get(0).hops().get(0).tuple(), traces.get(1).hops().get(0).tuple());
            assertFalse(traces.get(0).hops().get(1).tuple().equals(traces.get(1).hops().get(1).tuple()),
                    "the proxies' own connections are new ones");
        }
    }
}
