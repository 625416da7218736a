package io.hoptrace.correlator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.correlator.internal.capture.PcapLibraryLocator;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.factory.PacketFactories;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.namednumber.DataLinkType;

/**
 * Every capture under the repository's {@code samples/} (any depth; .pcap, .pcapng and their .gz), read by
 * hoptrace's reader and by libpcap + pcap4j's static packet factory: same packet count, and per packet the same
 * timestamp, lengths, addresses, ports, flags, sequence numbers, window, checksum and TCP payload length.
 * Sample sets added later are picked up without changing this test.
 */
class Pcap4jCrossCheckTest {
    private static final int LINKTYPE_LINUX_SLL2 = 276;

    @TempDir
    Path tmp;

    static List<Path> sampleCaptures() throws IOException {
        Path samples = Path.of("").toAbsolutePath().resolve("../samples").normalize();
        assertTrue(Files.isDirectory(samples), "the repository's samples directory, expected at " + samples);
        try (Stream<Path> files = Files.walk(samples)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                String n = f.getFileName().toString();
                return n.endsWith(".pcap") || n.endsWith(".pcapng") || n.endsWith(".pcap.gz")
                        || n.endsWith(".pcapng.gz");
            }).sorted().collect(Collectors.toList());
        }
    }

    @TestFactory
    Stream<DynamicTest> readsEverySampleCaptureLikePcap4j() throws IOException {
        List<Path> captures = sampleCaptures();
        assertFalse(captures.isEmpty(), "no sample captures found under ../samples");
        PcapLibraryLocator.configure();
        Path samples = Path.of("").toAbsolutePath().resolve("../samples").normalize();
        return captures.stream().map(f -> DynamicTest.dynamicTest(samples.relativize(f).toString(), () -> crossCheck(f)));
    }

    private void crossCheck(Path file) throws Exception {
        Path forLibpcap = file;
        if (file.getFileName().toString().endsWith(".gz")) {
            // libpcap does not read gzip: give it the decompressed bytes.
            forLibpcap = tmp.resolve(file.getFileName().toString().replace(".gz", ""));
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                Files.copy(in, forLibpcap, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        int count = 0;
        try (PacketSource ours = CaptureFiles.open(file, 0);
                PcapHandle oracle = Pcaps.openOffline(forLibpcap.toString(), PcapHandle.TimestampPrecision.NANO)) {
            while (true) {
                byte[] raw;
                try {
                    raw = oracle.getNextRawPacketEx();
                } catch (EOFException end) {
                    break;
                } catch (TimeoutException e) {
                    continue;
                }
                Packet p = ours.next();
                String where = file.getFileName() + " packet #" + (count + 1);
                assertNotNull(p, where + ": our reader ended early");
                comparePacket(where, raw, oracle, p);
                count++;
            }
            assertNull(ours.next(), file.getFileName() + ": our reader has more packets than libpcap's " + count);
        }
        assertTrue(count > 0, file + " holds no packets");
    }

    private static void comparePacket(String where, byte[] raw, PcapHandle oracle, Packet p) {
        Timestamp ts = oracle.getTimestamp();
        long nanos = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
        assertEquals(nanos, p.timestampNanos(), where + ": timestamp");
        assertEquals(raw.length, p.capturedLength(), where + ": captured length");
        assertEquals(oracle.getOriginalLength().intValue(), p.wireLength(), where + ": wire length");
        assertEquals(oracle.getDlt().value().intValue(), p.linkType(), where + ": link type");
        byte[] frame = new byte[p.capturedLength()];
        p.frame().get(p.frameOffset(), frame);
        assertEquals(ByteBuffer.wrap(raw), ByteBuffer.wrap(frame), where + ": frame bytes");

        org.pcap4j.packet.Packet decoded = decode(raw, oracle.getDlt());
        IpV4Packet v4 = decoded.get(IpV4Packet.class);
        IpV6Packet v6 = decoded.get(IpV6Packet.class);
        TcpPacket tcp = decoded.get(TcpPacket.class);
        int ipPayload;
        int tcpOffsetInIpPayload = 0;
        if (v4 != null) {
            assertEquals(4, p.ipVersion(), where + ": IP version");
            IpV4Packet.IpV4Header h = v4.getHeader();
            assertAddress(where + ": source", h.getSrcAddr(), p.srcAddrHi(), p.srcAddrLo());
            assertAddress(where + ": destination", h.getDstAddr(), p.dstAddrHi(), p.dstAddrLo());
            assertEquals(h.getIdentificationAsInt(), p.ipId(), where + ": IPv4 id");
            ipPayload = h.getTotalLengthAsInt() - h.getIhlAsInt() * 4;
        } else if (v6 != null) {
            assertEquals(6, p.ipVersion(), where + ": IP version");
            IpV6Packet.IpV6Header h = v6.getHeader();
            assertAddress(where + ": source", h.getSrcAddr(), p.srcAddrHi(), p.srcAddrLo());
            assertAddress(where + ": destination", h.getDstAddr(), p.dstAddrHi(), p.dstAddrLo());
            ipPayload = h.getPayloadLengthAsInt();
            for (org.pcap4j.packet.Packet q = v6.getPayload(); q != null && !(q instanceof TcpPacket);
                    q = q.getPayload()) {
                tcpOffsetInIpPayload += q.getHeader() == null ? 0 : q.getHeader().length();
            }
        } else {
            assertEquals(0, p.ipVersion(), where + ": pcap4j found no IP packet");
            return;
        }
        assertEquals(tcp != null, p.isTcp(), where + ": is TCP");
        if (tcp == null) {
            return;
        }
        TcpPacket.TcpHeader t = tcp.getHeader();
        assertEquals(t.getSrcPort().valueAsInt(), p.srcPort(), where + ": source port");
        assertEquals(t.getDstPort().valueAsInt(), p.dstPort(), where + ": destination port");
        int flags = ((t.getReserved() & 0x03) << 6) | (t.getUrg() ? 0x20 : 0) | (t.getAck() ? 0x10 : 0)
                | (t.getPsh() ? 0x08 : 0) | (t.getRst() ? 0x04 : 0) | (t.getSyn() ? 0x02 : 0) | (t.getFin() ? 0x01 : 0);
        assertEquals(flags, p.tcpFlags(), where + ": TCP flags");
        assertEquals(t.getSequenceNumberAsLong(), p.seq(), where + ": seq");
        assertEquals(t.getAcknowledgmentNumberAsLong(), p.ack(), where + ": ack");
        assertEquals(t.getWindowAsInt(), p.window(), where + ": window");
        assertEquals(t.getChecksum() & 0xFFFF, p.tcpChecksum(), where + ": checksum");
        int expectedPayload = ipPayload - tcpOffsetInIpPayload - t.getDataOffsetAsInt() * 4;
        assertEquals(expectedPayload, p.payloadLength(), where + ": TCP payload length");
        if (raw.length == p.wireLength() && tcp.getPayload() != null) {
            // Not cut by the snap length: what pcap4j holds as payload is exactly that long.
            assertEquals(tcp.getPayload().length(), p.payloadLength(), where + ": captured TCP payload");
        }
    }

    /** pcap4j's decoding; pcap4j 1.8.2 has no Linux cooked v2 decoder, so it gets the IP packet after its header. */
    private static org.pcap4j.packet.Packet decode(byte[] raw, DataLinkType dlt) {
        if (dlt.value() == LINKTYPE_LINUX_SLL2 && raw.length >= 20) {
            int protocol = ((raw[0] & 0xFF) << 8) | (raw[1] & 0xFF);
            try {
                if (protocol == 0x0800) {
                    return IpV4Packet.newPacket(raw, 20, raw.length - 20);
                }
                if (protocol == 0x86DD) {
                    return IpV6Packet.newPacket(raw, 20, raw.length - 20);
                }
            } catch (org.pcap4j.packet.IllegalRawDataException e) {
                throw new AssertionError("pcap4j cannot decode an IP packet after the SLL2 header", e);
            }
        }
        return PacketFactories.getFactory(org.pcap4j.packet.Packet.class, DataLinkType.class)
                .newInstance(raw, 0, raw.length, dlt);
    }

    private static void assertAddress(String what, InetAddress expected, long hi, long lo) {
        byte[] a = expected.getAddress();
        ByteBuffer b = ByteBuffer.allocate(16);
        if (a.length == 4) {
            b.putLong(0).putInt(0xFFFF).put(a);
        } else {
            b.put(a);
        }
        assertEquals(b.getLong(0), hi, what + " address (high)");
        assertEquals(b.getLong(8), lo, what + " address (low)");
    }
}
