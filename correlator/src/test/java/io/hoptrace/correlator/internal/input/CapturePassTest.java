package io.hoptrace.correlator.internal.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.correlator.InputDamage;
import io.hoptrace.correlator.ListPacketSource;
import io.hoptrace.correlator.Packet;
import io.hoptrace.correlator.PacketSource;
import io.hoptrace.correlator.ProgressListener;
import io.hoptrace.correlator.TestPackets;
import io.hoptrace.correlator.internal.flow.FlowState;
import io.hoptrace.correlator.internal.flow.FlowTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CapturePassTest {
    private static final long IDLE = 600_000_000_000L;
    private static final long WINDOW = 1_000_000_000L;

    /** More conversations than one batch holds packets, so that batches are handed over and reused. */
    private static TestPackets manyConversations(int capture) {
        TestPackets t = new TestPackets(capture);
        for (int i = 0; i < 3_000; i++) {
            t.conversation("10.0." + (i / 250) + "." + (i % 250 + 1) + ":40000", "10.9.9.9:80")
                    .handshake(i * 0.01, 0.001).request(i * 0.01 + 0.005, 100).fin(i * 0.01 + 0.008, true);
        }
        return t;
    }

    @Test
    void readingOnASecondThreadCountsWhatOneThreadCounts() throws IOException {
        TestPackets t = manyConversations(0);
        CapturePass threaded = new CapturePass(List.of(t.source("a.pcap")), IDLE, WINDOW, d -> { });
        FlowTable a = threaded.run(ProgressListener.NONE, null);
        List<FlowState> sinkSaw = new ArrayList<>();
        CapturePass inline = new CapturePass(List.of(t.source("a.pcap")), IDLE, WINDOW, d -> { });
        FlowTable b = inline.run(ProgressListener.NONE, (p, f) -> sinkSaw.add(f));
        assertTrue(t.packets().size() > 4 * 4096, "fewer packets than the batches in flight hold");
        assertEquals(t.packets().size(), threaded.packets());
        assertEquals(inline.tcpPackets(), threaded.tcpPackets());
        assertEquals(inline.firstNanos(), threaded.firstNanos());
        assertEquals(inline.lastNanos(), threaded.lastNanos());
        assertEquals(3_000, a.connectionCount());
        assertEquals(b.connectionCount(), a.connectionCount());
        assertEquals(t.packets().size(), sinkSaw.size());
        for (int i = 0; i < a.connectionCount(); i++) {
            assertEquals(b.all().get(i).firstNanos(), a.all().get(i).firstNanos());
            assertEquals(b.all().get(i).lastNanos(), a.all().get(i).lastNanos());
        }
    }

    @Test
    void duplicatesAcrossCapturePointsAreDroppedOnTheTrackingThread() throws IOException {
        TestPackets first = manyConversations(0);
        TestPackets second = new TestPackets(1);
        first.packets().forEach(p -> second.add(p.seenAt(1, 1_000)));
        CapturePass pass = new CapturePass(List.of(first.source("a.pcap"), second.source("b.pcap")), IDLE, WINDOW,
                d -> { });
        FlowTable table = pass.run(ProgressListener.NONE, null);
        assertEquals(2L * first.packets().size(), pass.packets());
        assertEquals(first.packets().size(), pass.duplicates());
        assertEquals(3_000, table.connectionCount());
    }

    @Test
    void damageFoundByTheReaderIsReported() throws IOException {
        TestPackets t = manyConversations(0);
        List<InputDamage> damage = new ArrayList<>();
        CapturePass pass = new CapturePass(List.of(new ListPacketSource("broken.pcap", t.packets(), 10_000)), IDLE,
                WINDOW, damage::add);
        pass.run(ProgressListener.NONE, null);
        assertEquals(10_000, pass.packets());
        assertEquals(1, damage.size());
        assertEquals("broken.pcap", damage.get(0).input());
    }

    @Test
    void aFailureOfTheReaderThreadIsThrownHere() {
        IllegalStateException bug = new IllegalStateException("a bug in a decoder");
        PacketSource failing = new PacketSource() {
            @Override
            public String name() {
                return "failing.pcap";
            }

            @Override
            public Packet next() {
                throw bug;
            }

            @Override
            public void close() {
            }
        };
        CapturePass pass = new CapturePass(List.of(failing), IDLE, WINDOW, d -> { });
        assertSame(bug, assertThrows(IllegalStateException.class, () -> pass.run(ProgressListener.NONE, null)));
    }
}
