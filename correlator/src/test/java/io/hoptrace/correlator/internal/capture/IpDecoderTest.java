package io.hoptrace.correlator.internal.capture;

import static io.hoptrace.correlator.internal.capture.Frames.TCP;
import static io.hoptrace.correlator.internal.capture.Frames.V4_DST;
import static io.hoptrace.correlator.internal.capture.Frames.V4_SRC;
import static io.hoptrace.correlator.internal.capture.Frames.V6_DST;
import static io.hoptrace.correlator.internal.capture.Frames.V6_SRC;
import static io.hoptrace.correlator.internal.capture.Frames.concat;
import static io.hoptrace.correlator.internal.capture.Frames.ethernet;
import static io.hoptrace.correlator.internal.capture.Frames.ipv4;
import static io.hoptrace.correlator.internal.capture.Frames.ipv6;
import static io.hoptrace.correlator.internal.capture.Frames.ipv6FragmentHeader;
import static io.hoptrace.correlator.internal.capture.Frames.ipv6OptionsHeader;
import static io.hoptrace.correlator.internal.capture.Frames.tcp;
import static io.hoptrace.correlator.internal.capture.PacketSnapshot.hi;
import static io.hoptrace.correlator.internal.capture.PacketSnapshot.lo;
import static io.hoptrace.correlator.internal.capture.PacketSnapshot.mapped;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.correlator.Packet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IpDecoderTest {
    private static final int HOP_BY_HOP = 0;
    private static final int ROUTING = 43;
    private static final int FRAGMENT = 44;
    private static final int ESP = 50;
    private static final int AH = 51;
    private static final int DEST_OPTS = 60;
    private static final byte[] SEGMENT = tcp(1111, 2222, 10, 20, Packet.PSH | Packet.ACK, 100);

    @TempDir
    Path dir;

    private PacketSnapshot raw(byte[] ipPacket) throws IOException {
        return DecoderFixture.decode(dir, 101, ipPacket);
    }

    @Test
    void storesIpv4AddressesIpv4Mapped() throws IOException {
        PacketSnapshot p = raw(ipv4(5, SEGMENT));
        assertEquals(0, p.srcHi());
        assertEquals(0x0000FFFF_0A000001L, p.srcLo());
        assertEquals(mapped(V4_DST), p.dstLo());
        assertEquals(100, p.payloadLength());
    }

    @Test
    void skipsIpv4Options() throws IOException {
        byte[] options = {(byte) 0x94, 4, 0, 0, 1, 1, 1, 0}; // router alert, NOPs, end of options
        PacketSnapshot p = raw(ipv4(V4_SRC, V4_DST, 9, 0, options, TCP, SEGMENT));
        assertTrue(p.tcp());
        assertEquals(1111, p.srcPort());
        assertEquals(10, p.seq());
        assertEquals(100, p.payloadLength());
    }

    @Test
    void decodesTcpInTheFirstIpv4Fragment() throws IOException {
        byte[] firstPart = java.util.Arrays.copyOf(SEGMENT, 48); // 20-byte header + 28 payload bytes
        PacketSnapshot p = raw(ipv4(V4_SRC, V4_DST, 9, 0x2000, new byte[0], TCP, firstPart)); // MF set
        assertTrue(p.tcp());
        assertEquals(1111, p.srcPort());
        assertEquals(28, p.payloadLength()); // what this fragment carries
    }

    @Test
    void treatsLaterIpv4FragmentsAsNotTcp() throws IOException {
        byte[] rest = new byte[72];
        PacketSnapshot p = raw(ipv4(V4_SRC, V4_DST, 9, 6, new byte[0], TCP, rest)); // offset 6*8 bytes
        assertEquals(4, p.ipVersion());
        assertFalse(p.tcp());
        assertEquals(0, p.srcPort());
        assertEquals(mapped(V4_SRC), p.srcLo());
        assertEquals(9, p.ipId());
    }

    @Test
    void reportsIpv4NonTcpWithAddresses() throws IOException {
        PacketSnapshot p = raw(ipv4(V4_SRC, V4_DST, 1, 0, new byte[0], 17, new byte[12]));
        assertEquals(4, p.ipVersion());
        assertFalse(p.tcp());
    }

    @Test
    void leavesIpv4CutInsideTheFixedHeaderUndecoded() throws IOException {
        assertEquals(0, DecoderFixture.decode(dir, 101, ipv4(5, SEGMENT), 19).ipVersion());
    }

    @Test
    void keepsAddressesWhenIpv4OptionsWereCut() throws IOException {
        byte[] options = new byte[20];
        PacketSnapshot p = DecoderFixture.decode(dir, 101, ipv4(V4_SRC, V4_DST, 3, 0, options, TCP, SEGMENT), 30);
        assertEquals(4, p.ipVersion());
        assertEquals(mapped(V4_SRC), p.srcLo());
        assertFalse(p.tcp());
    }

    @Test
    void takesTheLengthFromTheWireWhenIpv4TotalLengthIsZero() throws IOException {
        // Outgoing packets captured before segmentation offload have total length 0.
        byte[] packet = ipv4(5, tcp(1, 2, 3, 4, Packet.ACK, 3000));
        ByteBuffer.wrap(packet).putShort(2, (short) 0);
        PacketSnapshot p = DecoderFixture.decode(dir, 1, ethernet(0x0800, packet), 200);
        assertEquals(3000, p.payloadLength());
    }

    @Test
    void walksIpv6HopByHopRoutingAndFragmentHeaders() throws IOException {
        byte[] payload = concat(ipv6OptionsHeader(ROUTING, 0), ipv6OptionsHeader(FRAGMENT, 1),
                ipv6FragmentHeader(TCP, 0, true), SEGMENT);
        PacketSnapshot p = raw(ipv6(V6_SRC, V6_DST, HOP_BY_HOP, payload));
        assertEquals(6, p.ipVersion());
        assertTrue(p.tcp());
        assertEquals(hi(V6_DST), p.dstHi());
        assertEquals(lo(V6_DST), p.dstLo());
        assertEquals(2222, p.dstPort());
        assertEquals(100, p.payloadLength());
    }

    @Test
    void walksIpv6DestinationOptionsAndAuthenticationHeaders() throws IOException {
        byte[] ah = new byte[24];
        ah[0] = TCP;
        ah[1] = 4; // (4 + 2) * 4 = 24 bytes
        byte[] payload = concat(ipv6OptionsHeader(AH, 2), ah, SEGMENT);
        PacketSnapshot p = raw(ipv6(V6_SRC, V6_DST, DEST_OPTS, payload));
        assertTrue(p.tcp());
        assertEquals(1111, p.srcPort());
        assertEquals(100, p.payloadLength());
    }

    @Test
    void treatsLaterIpv6FragmentsAsNotTcp() throws IOException {
        byte[] payload = concat(ipv6FragmentHeader(TCP, 185, false), new byte[64]);
        PacketSnapshot p = raw(ipv6(V6_SRC, V6_DST, FRAGMENT, payload));
        assertEquals(6, p.ipVersion());
        assertFalse(p.tcp());
        assertEquals(hi(V6_SRC), p.srcHi());
    }

    @Test
    void stopsAtEsp() throws IOException {
        PacketSnapshot p = raw(ipv6(V6_SRC, V6_DST, ESP, new byte[40]));
        assertEquals(6, p.ipVersion());
        assertFalse(p.tcp());
    }

    @Test
    void keepsAddressesWhenIpv6ExtensionHeadersWereCut() throws IOException {
        byte[] payload = concat(ipv6OptionsHeader(TCP, 3), SEGMENT);
        PacketSnapshot p = DecoderFixture.decode(dir, 101, ipv6(V6_SRC, V6_DST, HOP_BY_HOP, payload), 50);
        assertEquals(6, p.ipVersion());
        assertEquals(lo(V6_SRC), p.srcLo());
        assertFalse(p.tcp());
    }

    @Test
    void leavesIpv6CutInsideTheFixedHeaderUndecoded() throws IOException {
        assertEquals(0, DecoderFixture.decode(dir, 101, ipv6(SEGMENT), 39).ipVersion());
    }
}
