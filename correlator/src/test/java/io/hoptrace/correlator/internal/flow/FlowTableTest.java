package io.hoptrace.correlator.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.correlator.ConnectionEnd;
import io.hoptrace.correlator.ConnectionStats;
import io.hoptrace.correlator.Packet;
import io.hoptrace.correlator.Side;
import io.hoptrace.correlator.TestPacket;
import io.hoptrace.correlator.TestPackets;
import io.hoptrace.events.Endpoint;
import io.hoptrace.events.FourTuple;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowTableTest {
    private static final long NO_IDLE_SPLIT = 0;
    private static final FourTuple TUPLE = FourTuple.parse("10.0.0.5:50000", "10.0.0.10:443");

    private static FlowTable track(TestPackets packets, long idleNanos) {
        FlowTable table = new FlowTable(idleNanos);
        List<TestPacket> sorted = new java.util.ArrayList<>(packets.packets());
        sorted.sort(Comparator.comparingLong(Packet::timestampNanos));
        for (TestPacket p : sorted) {
            table.track(p);
        }
        return table;
    }

    private static ConnectionStats only(FlowTable table) {
        assertEquals(1, table.connectionCount(), "connections");
        return new FlowStatsConverter().stats(table.all().get(0));
    }

    @Test
    void handshakeRttIsSynToThirdAck() {
        TestPackets t = new TestPackets(0);
        t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(0, 0.8).request(1, 100);
        ConnectionStats c = only(track(t, NO_IDLE_SPLIT));
        assertEquals(800_000, c.handshakeRttNanos());
        assertEquals(TestPackets.nanos(0), c.synNanos());
        assertEquals(TestPackets.nanos(0.4), c.synAckNanos());
        assertTrue(c.orientationKnown());
        assertEquals(TUPLE, c.tuple());
    }

    @Test
    void countsPacketsAndPayloadPerDirection() {
        TestPackets t = new TestPackets(0);
        t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(0, 1).request(2, 300).response(5, 1200)
                .response(6, 800).ack(7, true);
        ConnectionStats c = only(track(t, NO_IDLE_SPLIT));
        assertEquals(4, c.up().packets());
        assertEquals(3, c.down().packets());
        assertEquals(300, c.up().bytes());
        assertEquals(2000, c.down().bytes());
        assertEquals(TestPackets.nanos(2), c.up().firstPayloadNanos());
        assertEquals(TestPackets.nanos(5), c.down().firstPayloadNanos());
        assertEquals(TestPackets.nanos(6), c.down().lastPayloadNanos());
        assertEquals(3_000_000, c.responseTimeNanos());
    }

    @Test
    void finFromClientIsReportedAsClientFin() {
        TestPackets t = new TestPackets(0);
        t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(0, 1).request(2, 10).fin(3, true);
        ConnectionStats c = only(track(t, NO_IDLE_SPLIT));
        assertEquals(ConnectionEnd.FIN, c.end());
        assertEquals(Side.CLIENT, c.endedBy());
    }

    @Test
    void finFromServerIsReportedAsServerFin() {
        TestPackets t = new TestPackets(0);
        t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(0, 1).response(2, 10).fin(3, false);
        ConnectionStats c = only(track(t, NO_IDLE_SPLIT));
        assertEquals(ConnectionEnd.FIN, c.end());
        assertEquals(Side.SERVER, c.endedBy());
    }

    @Test
    void rstFromServerWinsOverEarlierFin() {
        TestPackets t = new TestPackets(0);
        TestPackets.Conversation c = t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(0, 1);
        c.raw(2, true, Packet.FIN | Packet.ACK, 0, 1_000_001, 1_500_001);
        c.rst(3, false);
        ConnectionStats s = only(track(t, NO_IDLE_SPLIT));
        assertEquals(ConnectionEnd.RST, s.end());
        assertEquals(Side.SERVER, s.endedBy());
    }

    @Test
    void rstFromClientIsReportedAsClientRst() {
        TestPackets t = new TestPackets(0);
        t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(0, 1).rst(2, true);
        ConnectionStats c = only(track(t, NO_IDLE_SPLIT));
        assertEquals(ConnectionEnd.RST, c.end());
        assertEquals(Side.CLIENT, c.endedBy());
    }

    @Test
    void connectionWithoutEndIsOpenAtEndOfCapture() {
        TestPackets t = new TestPackets(0);
        t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(0, 1).request(2, 10);
        ConnectionStats c = only(track(t, NO_IDLE_SPLIT));
        assertEquals(ConnectionEnd.OPEN, c.end());
        assertEquals(Side.NONE, c.endedBy());
    }

    @Test
    void repeatedPayloadIsCountedAsRetransmission() {
        TestPackets t = new TestPackets(0);
        t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(0, 1).request(2, 500).retransmitRequest(202)
                .request(300, 100).response(301, 50);
        ConnectionStats c = only(track(t, NO_IDLE_SPLIT));
        assertEquals(1, c.up().retransmissions());
        assertEquals(500, c.up().retransmittedBytes());
        assertEquals(1100, c.up().bytes());
        assertEquals(0, c.down().retransmissions());
    }

    @Test
    void retransmittedSynStaysInOneInstance() {
        TestPackets t = new TestPackets(0);
        TestPackets.Conversation c = t.conversation("10.0.0.5:50000", "10.0.0.10:443");
        c.raw(0, true, Packet.SYN, 0, 1_000_000, 0);
        c.handshake(1000, 1);
        ConnectionStats s = only(track(t, NO_IDLE_SPLIT));
        assertEquals(TestPackets.nanos(0), s.synNanos());
        assertEquals(1_001_000_000L, s.handshakeRttNanos());
    }

    @Test
    void newSynAfterFinStartsSecondInstance() {
        TestPackets t = new TestPackets(0);
        t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(0, 1).request(2, 10).fin(3, true);
        t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(10, 1).request(12, 20).rst(13, false);
        FlowTable table = track(t, NO_IDLE_SPLIT);
        assertEquals(2, table.connectionCount());
        List<FlowState> instances = table.instances(TUPLE);
        assertEquals(2, instances.size());
        FlowStatsConverter conv = new FlowStatsConverter();
        ConnectionStats first = conv.stats(instances.get(0));
        ConnectionStats second = conv.stats(instances.get(1));
        assertEquals(0, first.instance());
        assertEquals(1, second.instance());
        assertEquals(ConnectionEnd.FIN, first.end());
        assertEquals(ConnectionEnd.RST, second.end());
        assertEquals(10, first.up().bytes());
        assertEquals(20, second.up().bytes());
        assertSame(instances.get(0), instances.get(1).previous());
    }

    @Test
    void synWithNewSequenceNumberWithoutCapturedEndStartsSecondInstance() {
        TestPackets t = new TestPackets(0);
        t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(0, 1).request(2, 10);
        t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(10, 1).request(12, 20);
        assertEquals(2, track(t, NO_IDLE_SPLIT).connectionCount());
    }

    @Test
    void idleGapLongerThanLimitStartsSecondInstance() {
        TestPackets t = new TestPackets(0);
        TestPackets.Conversation c = t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(0, 1)
                .request(2, 10);
        c.request(5_000, 10);
        assertEquals(2, track(t, 4_000_000_000L).connectionCount());
        assertEquals(1, track(t, 6_000_000_000L).connectionCount());
        assertEquals(1, track(t, NO_IDLE_SPLIT).connectionCount());
    }

    @Test
    void bothDirectionsFindTheSameInstance() {
        TestPackets t = new TestPackets(0);
        t.conversation("10.0.0.20:443", "10.0.0.5:50000").handshake(0, 1).request(1, 10).response(2, 10);
        FlowTable table = track(t, NO_IDLE_SPLIT);
        assertEquals(1, table.connectionCount());
        assertEquals(1, table.instances(FourTuple.parse("10.0.0.5:50000", "10.0.0.20:443")).size());
        assertEquals(FourTuple.parse("10.0.0.20:443", "10.0.0.5:50000"), only(table).tuple());
    }

    @Test
    void withoutHandshakeTheHigherPortIsTheClient() {
        TestPackets t = new TestPackets(0);
        TestPackets.Conversation c = t.conversation("10.0.0.10:443", "10.0.0.5:50000");
        c.raw(0, true, Packet.ACK | Packet.PSH, 100, 5, 7);
        ConnectionStats s = only(track(t, NO_IDLE_SPLIT));
        assertFalse(s.orientationKnown());
        assertEquals(TUPLE, s.tuple());
        assertEquals(100, s.down().bytes());
        assertEquals(ConnectionStats.NONE, s.handshakeRttNanos());
    }

    @Test
    void ipv6ConnectionsAreTracked() {
        TestPackets t = new TestPackets(0);
        t.conversation("[2001:db8::5]:50000", "[2001:db8::10]:443").handshake(0, 2).request(3, 42);
        ConnectionStats c = only(track(t, NO_IDLE_SPLIT));
        assertEquals(FourTuple.parse("[2001:db8::5]:50000", "[2001:db8::10]:443"), c.tuple());
        assertTrue(c.tuple().client().isIpv6());
        assertEquals(2_000_000, c.handshakeRttNanos());
    }

    @Test
    void newestIsTheLastInstanceOfTheTupleInEitherOrientation() {
        TestPackets t = new TestPackets(0);
        t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(0, 1).request(2, 10).fin(3, true);
        t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(10, 1).request(12, 20).rst(13, false);
        FlowTable table = track(t, NO_IDLE_SPLIT);
        List<FlowState> instances = table.instances(TUPLE);
        assertSame(instances.get(1), table.newest(TUPLE));
        assertSame(instances.get(1), table.newest(TUPLE.reversed()));
        assertSame(null, table.newest(FourTuple.parse("10.0.0.5:50001", "10.0.0.10:443")));
        assertSame(null, table.newest(new FourTuple(Endpoint.UNKNOWN, Endpoint.parse("10.0.0.10:443"))));
    }

    @Test
    void tableGrowsPastItsInitialCapacity() {
        TestPackets t = new TestPackets(0);
        for (int i = 0; i < 10_000; i++) {
            t.conversation("10.0." + (i / 250) + "." + (i % 250 + 1) + ":" + (40_000 + i % 1000), "10.9.9.9:80")
                    .handshake(i * 0.01, 0.001);
        }
        FlowTable table = track(t, NO_IDLE_SPLIT);
        assertEquals(10_000, table.connectionCount());
        assertEquals(1, table.instances(FourTuple.parse("10.0.39.250:40999", "10.9.9.9:80")).size());
        assertEquals(0, table.instances(FourTuple.parse("10.0.39.250:40999", "10.9.9.9:81")).size());
    }

    @Test
    void unknownEndpointsHaveNoInstances() {
        FlowTable table = new FlowTable(NO_IDLE_SPLIT);
        assertEquals(List.of(), table.instances(new FourTuple(Endpoint.UNKNOWN, Endpoint.parse("10.0.0.1:1"))));
    }

    @Test
    void finTimesAreKeptPerSide() {
        TestPackets t = new TestPackets(0);
        t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(0, 1).request(2, 10).fin(3, true);
        ConnectionStats c = only(track(t, NO_IDLE_SPLIT));
        assertEquals(TestPackets.nanos(3), c.up().finNanos());
        assertEquals(TestPackets.nanos(3.1), c.down().finNanos());
        assertFalse(c.up().sentRst());
        assertFalse(c.down().sentRst());
    }

    @Test
    void rstTimeIsKeptOnTheSenderSide() {
        TestPackets t = new TestPackets(0);
        TestPackets.Conversation c = t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(0, 1);
        c.raw(2, true, Packet.FIN | Packet.ACK, 0, 1_000_001, 1_500_001);
        c.rst(3, false);
        c.rst(4, false);
        ConnectionStats s = only(track(t, NO_IDLE_SPLIT));
        assertEquals(TestPackets.nanos(2), s.up().finNanos());
        assertEquals(TestPackets.nanos(3), s.down().rstNanos());
        assertFalse(s.up().sentRst());
        assertFalse(s.down().sentFin());
    }

    @Test
    void openConnectionHasNoCloseTimes() {
        TestPackets t = new TestPackets(0);
        t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(0, 1).request(2, 10);
        ConnectionStats c = only(track(t, NO_IDLE_SPLIT));
        assertFalse(c.up().sentFin() || c.up().sentRst() || c.down().sentFin() || c.down().sentRst());
    }
    private static FlowTable trackLive(TestPackets packets) {
        FlowTable table = new FlowTable(NO_IDLE_SPLIT, false);
        List<TestPacket> sorted = new java.util.ArrayList<>(packets.packets());
        sorted.sort(Comparator.comparingLong(Packet::timestampNanos));
        sorted.forEach(table::track);
        return table;
    }

    @Test
    void aLiveTableKeepsOnlyWhatWasNotRemoved() {
        TestPackets t = new TestPackets(0);
        t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(0, 1).fin(3, true);
        t.conversation("10.0.0.6:50000", "10.0.0.10:443").handshake(1, 1).fin(4, true);
        FlowTable table = trackLive(t);
        assertEquals(List.of(), table.all());
        assertEquals(2, table.size());
        FlowState first = table.newest(TUPLE);
        assertTrue(table.remove(first));
        assertFalse(table.remove(first), "already removed");
        assertEquals(1, table.size());
        assertEquals(2, table.connectionCount(), "instances created");
        assertSame(null, table.newest(TUPLE));
        assertEquals(1, table.instances(FourTuple.parse("10.0.0.6:50000", "10.0.0.10:443")).size());
    }

    @Test
    void removingTheNewestInstanceKeepsTheOlderOnes() {
        TestPackets t = new TestPackets(0);
        t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(0, 1).fin(3, true);
        t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(10, 1).fin(13, true);
        t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(20, 1).fin(23, true);
        FlowTable table = trackLive(t);
        List<FlowState> instances = table.instances(TUPLE);
        assertTrue(table.remove(instances.get(2)));
        assertEquals(List.of(instances.get(0), instances.get(1)), table.instances(TUPLE));
        assertTrue(table.remove(instances.get(0)));
        assertEquals(List.of(instances.get(1)), table.instances(TUPLE));
        assertSame(null, instances.get(1).previous());
        assertEquals(1, table.size());
    }

    @Test
    void aPacketAfterItsInstanceWasRemovedStartsANewOne() {
        TestPackets t = new TestPackets(0);
        TestPackets.Conversation c = t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(0, 1);
        FlowTable table = trackLive(t);
        table.remove(table.newest(TUPLE));
        TestPacket late = c.raw(5, true, Packet.ACK, 0, 1_000_001, 1_500_001);
        FlowState f = table.track(late);
        assertEquals(1, f.id());
        assertEquals(0, f.instance());
        assertEquals(1, table.size());
    }

    @Test
    void removingManyKeepsTheOthersFindable() {
        TestPackets t = new TestPackets(0);
        for (int i = 0; i < 5_000; i++) {
            t.conversation("10.0." + (i / 250) + "." + (i % 250 + 1) + ":" + (40_000 + i % 1000), "10.9.9.9:80")
                    .handshake(i * 0.01, 0.001);
        }
        FlowTable table = trackLive(t);
        List<FlowState> all = new java.util.ArrayList<>();
        table.forEach(all::add);
        assertEquals(5_000, all.size());
        all.sort(Comparator.comparingInt(FlowState::id));
        for (int i = 0; i < all.size(); i += 2) {
            assertTrue(table.remove(all.get(i)));
        }
        assertEquals(2_500, table.size());
        FlowStatsConverter conv = new FlowStatsConverter();
        for (int i = 0; i < all.size(); i++) {
            FourTuple tuple = conv.stats(all.get(i)).tuple();
            assertEquals(i % 2 == 0 ? null : all.get(i), table.newest(tuple), "instance " + i);
        }
    }
}
