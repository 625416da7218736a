package io.hoptrace.correlator.internal.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.correlator.Packet;
import io.hoptrace.correlator.TestPacket;
import io.hoptrace.correlator.TestPackets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacketBatchTest {
    @Test
    void viewReadsBackEveryFieldButTheFrame() {
        TestPackets t = new TestPackets(3);
        t.conversation("[2001:db8::5]:50000", "[2001:db8::1]:443").handshake(0, 1).request(2, 1200);
        t.conversation("10.0.0.6:65535", "10.0.0.10:1").handshake(5, 1);
        List<TestPacket> packets = t.packets();
        PacketBatch b = new PacketBatch(packets.size());
        for (TestPacket p : packets) {
            b.add(p.withInterface(7, 113));
        }
        assertTrue(b.full());
        for (int i = 0; i < packets.size(); i++) {
            Packet e = packets.get(i).withInterface(7, 113);
            Packet v = b.view(i);
            assertEquals(e.timestampNanos(), v.timestampNanos());
            assertEquals(e.captureIndex(), v.captureIndex());
            assertEquals(e.interfaceId(), v.interfaceId());
            assertEquals(e.linkType(), v.linkType());
            assertEquals(e.capturedLength(), v.capturedLength());
            assertEquals(e.wireLength(), v.wireLength());
            assertEquals(e.fileOffset(), v.fileOffset());
            assertEquals(e.ipVersion(), v.ipVersion());
            assertEquals(e.isTcp(), v.isTcp());
            assertEquals(e.srcAddrHi(), v.srcAddrHi());
            assertEquals(e.srcAddrLo(), v.srcAddrLo());
            assertEquals(e.dstAddrHi(), v.dstAddrHi());
            assertEquals(e.dstAddrLo(), v.dstAddrLo());
            assertEquals(e.srcPort(), v.srcPort());
            assertEquals(e.dstPort(), v.dstPort());
            assertEquals(e.tcpFlags(), v.tcpFlags());
            assertEquals(e.seq(), v.seq());
            assertEquals(e.ack(), v.ack());
            assertEquals(e.window(), v.window());
            assertEquals(e.ipId(), v.ipId());
            assertEquals(e.tcpChecksum(), v.tcpChecksum());
            assertEquals(e.payloadLength(), v.payloadLength());
        }
        assertThrows(UnsupportedOperationException.class, () -> b.view(0).frame());
    }

    @Test
    void clearEmptiesTheBatchForReuse() {
        TestPackets t = new TestPackets(0);
        t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(0, 1);
        PacketBatch b = new PacketBatch(8);
        t.packets().forEach(b::add);
        b.read = 5;
        b.last = true;
        b.clear();
        assertEquals(0, b.size);
        assertEquals(0, b.read);
        assertEquals(false, b.last);
    }
}
