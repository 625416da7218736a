package io.hoptrace.correlator.internal.capture;

import static io.hoptrace.correlator.internal.capture.Frames.V4_DST;
import static io.hoptrace.correlator.internal.capture.Frames.V4_SRC;
import static io.hoptrace.correlator.internal.capture.Frames.V6_SRC;
import static io.hoptrace.correlator.internal.capture.Frames.bsdNull;
import static io.hoptrace.correlator.internal.capture.Frames.ethernet;
import static io.hoptrace.correlator.internal.capture.Frames.ipv4;
import static io.hoptrace.correlator.internal.capture.Frames.ipv6;
import static io.hoptrace.correlator.internal.capture.Frames.loop;
import static io.hoptrace.correlator.internal.capture.Frames.sll;
import static io.hoptrace.correlator.internal.capture.Frames.sll2;
import static io.hoptrace.correlator.internal.capture.Frames.tcp;
import static io.hoptrace.correlator.internal.capture.PacketSnapshot.hi;
import static io.hoptrace.correlator.internal.capture.PacketSnapshot.lo;
import static io.hoptrace.correlator.internal.capture.PacketSnapshot.mapped;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.correlator.Packet;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkLayerDecoderTest {
    private static final byte[] V4 = ipv4(77, tcp(1234, 80, 100, 200, Packet.SYN, 0));
    private static final byte[] V6 = ipv6(tcp(5678, 443, 300, 400, Packet.ACK, 12));

    @TempDir
    Path dir;

    private PacketSnapshot decode(int linkType, byte[] frame) throws IOException {
        return DecoderFixture.decode(dir, linkType, frame);
    }

    private static void assertV4(PacketSnapshot p) {
        assertEquals(4, p.ipVersion(), p::toString);
        assertTrue(p.tcp());
        assertEquals(0, p.srcHi());
        assertEquals(mapped(V4_SRC), p.srcLo());
        assertEquals(mapped(V4_DST), p.dstLo());
        assertEquals(1234, p.srcPort());
        assertEquals(80, p.dstPort());
        assertEquals(77, p.ipId());
    }

    private static void assertV6(PacketSnapshot p) {
        assertEquals(6, p.ipVersion(), p::toString);
        assertTrue(p.tcp());
        assertEquals(hi(V6_SRC), p.srcHi());
        assertEquals(lo(V6_SRC), p.srcLo());
        assertEquals(5678, p.srcPort());
        assertEquals(12, p.payloadLength());
        assertEquals(-1, p.ipId());
    }

    @Test
    void decodesEthernet() throws IOException {
        assertV4(decode(1, ethernet(0x0800, V4)));
        assertV6(decode(1, ethernet(0x86DD, V6)));
    }

    @Test
    void decodesVlanTaggedEthernet() throws IOException {
        assertV4(decode(1, ethernet(0x0800, V4, 0x8100)));
        assertV6(decode(1, ethernet(0x86DD, V6, 0x8100)));
    }

    @Test
    void decodesQinQEthernet() throws IOException {
        assertV4(decode(1, ethernet(0x0800, V4, 0x88A8, 0x8100)));
        assertV6(decode(1, ethernet(0x86DD, V6, 0x9100, 0x8100)));
    }

    @Test
    void leavesNonIpEthernetUndecoded() throws IOException {
        PacketSnapshot arp = decode(1, ethernet(0x0806, new byte[28]));
        assertEquals(0, arp.ipVersion());
        assertFalse(arp.tcp());
        assertEquals(42, arp.capturedLength());
    }

    @Test
    void leavesEthernetCutInsideItsHeaderUndecoded() throws IOException {
        assertEquals(0, DecoderFixture.decode(dir, 1, ethernet(0x0800, V4), 12).ipVersion());
        assertEquals(0, DecoderFixture.decode(dir, 1, ethernet(0x0800, V4, 0x8100), 16).ipVersion());
    }

    @Test
    void decodesLinuxCookedV1() throws IOException {
        assertV4(decode(113, sll(0x0800, V4)));
        assertV6(decode(113, sll(0x86DD, V6)));
    }

    @Test
    void decodesLinuxCookedV2() throws IOException {
        assertV4(decode(276, sll2(0x0800, V4)));
        assertV6(decode(276, sll2(0x86DD, V6)));
    }

    @Test
    void decodesBsdLoopbackInBothByteOrders() throws IOException {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            assertV4(decode(0, bsdNull(2, order, V4)));
            for (int af6 : new int[] {24, 28, 30}) {
                assertV6(decode(0, bsdNull(af6, order, V6)));
            }
        }
    }

    @Test
    void decodesOpenBsdLoop() throws IOException {
        assertV4(decode(108, loop(2, V4)));
        assertV6(decode(108, loop(24, V6)));
    }

    @Test
    void decodesRawIpByVersionNibble() throws IOException {
        for (int linkType : new int[] {101, 12, 14}) {
            assertV4(decode(linkType, V4));
            assertV6(decode(linkType, V6));
        }
    }

    @Test
    void decodesIpv4AndIpv6LinkTypes() throws IOException {
        assertV4(decode(228, V4));
        assertV6(decode(229, V6));
        assertEquals(0, decode(228, V6).ipVersion());
    }

    @Test
    void deliversOtherLinkTypesUndecoded() throws IOException {
        PacketSnapshot p = decode(127, V4); // IEEE 802.11 radiotap
        assertEquals(127, p.linkType());
        assertEquals(0, p.ipVersion());
        assertEquals(V4.length, p.capturedLength());
    }
}
