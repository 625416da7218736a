package io.hoptrace.correlator.internal.capture;

import static io.hoptrace.correlator.internal.capture.Frames.ethernet;
import static io.hoptrace.correlator.internal.capture.Frames.ipv4;
import static io.hoptrace.correlator.internal.capture.Frames.ipv6;
import static io.hoptrace.correlator.internal.capture.Frames.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.correlator.Packet;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TcpDecoderTest {
    /** MSS 1460, SACK permitted, timestamps, NOP, window scale 7: 20 bytes of options. */
    private static final byte[] SYN_OPTIONS = {2, 4, 0x05, (byte) 0xB4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3,
            3, 7};

    @TempDir
    Path dir;

    @Test
    void readsEveryHeaderField() throws IOException {
        byte[] segment = tcp(50000, 8080, 0xFFFF_FFF0L, 0x8000_0001L, Packet.FIN | Packet.ACK, 1234,
                new byte[0], 0);
        PacketSnapshot p = DecoderFixture.decode(dir, 1, ethernet(0x0800, ipv4(1, segment)));
        assertEquals(50000, p.srcPort());
        assertEquals(8080, p.dstPort());
        assertEquals(0xFFFF_FFF0L, p.seq());
        assertEquals(0x8000_0001L, p.ack());
        assertEquals(Packet.FIN | Packet.ACK, p.flags());
        assertEquals(1234, p.window());
        assertEquals(0xBEEF, p.checksum());
        assertEquals(0, p.payloadLength());
    }

    @Test
    void subtractsOptionsFromThePayloadLength() throws IOException {
        byte[] segment = tcp(1, 2, 3, 0, Packet.SYN, 64240, SYN_OPTIONS, 0);
        assertEquals(0, DecoderFixture.decode(dir, 101, ipv4(1, segment)).payloadLength());
        byte[] data = tcp(1, 2, 3, 4, Packet.ACK, 501, new byte[] {1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2}, 77);
        assertEquals(77, DecoderFixture.decode(dir, 101, ipv6(data)).payloadLength());
    }

    @Test
    void takesThePayloadLengthFromIpWhenTheSnaplenCutThePayload() throws IOException {
        byte[] frame = ethernet(0x86DD, ipv6(tcp(1, 2, 3, 4, Packet.ACK, 65000, SYN_OPTIONS, 9000)));
        PacketSnapshot p = DecoderFixture.decode(dir, 1, frame, 128);
        assertTrue(p.tcp());
        assertEquals(128, p.capturedLength());
        assertEquals(frame.length, p.wireLength());
        assertEquals(9000, p.payloadLength());
        assertEquals(65000, p.window());
    }

    @Test
    void reportsWhatWasCapturedOfACutTcpHeader() throws IOException {
        byte[] frame = ethernet(0x0800, ipv4(1, tcp(7, 8, 99, 100, Packet.ACK, 4321, SYN_OPTIONS, 500)));
        PacketSnapshot p = DecoderFixture.decode(dir, 1, frame, 14 + 20 + 14); // cut after the flags byte
        assertTrue(p.tcp());
        assertEquals(7, p.srcPort());
        assertEquals(99, p.seq());
        assertEquals(100, p.ack());
        assertEquals(Packet.ACK, p.flags());
        assertEquals(0, p.window()); // not captured
        assertEquals(500, p.payloadLength()); // data offset (40) was captured
    }

    @Test
    void assumesTheMinimumHeaderWhenTheDataOffsetWasCut() throws IOException {
        byte[] frame = ethernet(0x0800, ipv4(1, tcp(7, 8, 99, 100, Packet.ACK, 4321, SYN_OPTIONS, 500)));
        PacketSnapshot p = DecoderFixture.decode(dir, 1, frame, 14 + 20 + 8);
        assertTrue(p.tcp());
        assertEquals(99, p.seq());
        assertEquals(0, p.ack());
        assertEquals(520, p.payloadLength()); // 540 after IP, minus an assumed 20-byte header
    }

    @Test
    void isNotTcpWhenThePortsWereCut() throws IOException {
        byte[] frame = ethernet(0x0800, ipv4(1, tcp(7, 8, 99, 100, Packet.ACK, 10)));
        PacketSnapshot p = DecoderFixture.decode(dir, 1, frame, 14 + 20 + 3);
        assertEquals(4, p.ipVersion());
        assertFalse(p.tcp());
    }
}
