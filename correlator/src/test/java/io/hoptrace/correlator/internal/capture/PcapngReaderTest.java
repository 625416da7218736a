package io.hoptrace.correlator.internal.capture;

import static io.hoptrace.correlator.internal.capture.Frames.ethernet;
import static io.hoptrace.correlator.internal.capture.Frames.ipv4;
import static io.hoptrace.correlator.internal.capture.Frames.ipv6;
import static io.hoptrace.correlator.internal.capture.Frames.sll2;
import static io.hoptrace.correlator.internal.capture.Frames.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.correlator.CaptureFiles;
import io.hoptrace.correlator.CaptureFormatException;
import io.hoptrace.correlator.Packet;
import io.hoptrace.correlator.PacketSource;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapngReaderTest {
    private static final int ETHERNET = 1;
    private static final int SLL2 = 276;
    private static final long T0 = 1_764_135_592L;

    @TempDir
    Path dir;

    private Path write(byte[] bytes) throws IOException {
        return Files.write(dir.resolve("f.pcapng"), bytes);
    }

    private static byte[] v4(int srcPort) {
        return ethernet(0x0800, ipv4(1, tcp(srcPort, 80, 1, 0, Packet.SYN, 0)));
    }

    private static byte[] v6sll2(int srcPort) {
        return sll2(0x86DD, ipv6(tcp(srcPort, 443, 5, 6, Packet.ACK, 3)));
    }

    private List<PacketSnapshot> read(CaptureFileBuilder b) throws IOException {
        return PacketSnapshot.readAll(write(b.bytes()));
    }

    @Test
    void readsTwoInterfacesWithDifferentLinkTypesAndResolutions() throws IOException {
        CaptureFileBuilder b = CaptureFileBuilder.pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .iface(ETHERNET, 65535) // default resolution: microseconds
                .iface(SLL2, 262144, 9, null) // nanoseconds
                .epb(0, T0 * 1_000_000L + 250_000L, v4(1000))
                .epb(1, T0 * 1_000_000_000L + 250_000_123L, v6sll2(2000));
        List<PacketSnapshot> packets = read(b);
        assertEquals(2, packets.size());
        PacketSnapshot eth = packets.get(0);
        PacketSnapshot cooked = packets.get(1);
        assertEquals(T0 * 1_000_000_000L + 250_000_000L, eth.timestampNanos());
        assertEquals(T0 * 1_000_000_000L + 250_000_123L, cooked.timestampNanos());
        assertEquals(0, eth.interfaceId());
        assertEquals(1, cooked.interfaceId());
        assertEquals(ETHERNET, eth.linkType());
        assertEquals(SLL2, cooked.linkType());
        assertEquals(4, eth.ipVersion());
        assertEquals(6, cooked.ipVersion());
        assertEquals(2000, cooked.srcPort());
        assertEquals(3, cooked.payloadLength());
        assertEquals(b.packetOffsets(), List.of(eth.fileOffset(), cooked.fileOffset()));
    }

    @Test
    void readsPowerOfTwoResolution() throws IOException {
        // if_tsresol 0x8A: 2^-10 s units. 1.5 s + 1/1024 s.
        long units = (T0 << 10) | 512 | 1;
        List<PacketSnapshot> packets = read(CaptureFileBuilder.pcapng().section(ByteOrder.BIG_ENDIAN)
                .iface(ETHERNET, 65535, 0x80 | 10, null).epb(0, units, v4(1)));
        assertEquals(T0 * 1_000_000_000L + 500_000_000L + 976_562L, packets.get(0).timestampNanos());
    }

    @Test
    void readsResolutionFinerThanNanoseconds() throws IOException {
        // if_tsresol 12: picoseconds, rounded down to nanoseconds.
        long units = 1_000_000_000_123_456L; // 1000.000000123456 s
        List<PacketSnapshot> packets = read(CaptureFileBuilder.pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .iface(ETHERNET, 65535, 12, null).epb(0, units, v4(1)));
        assertEquals(1_000_000_000_123L, packets.get(0).timestampNanos());
    }

    @Test
    void addsTimestampOffset() throws IOException {
        List<PacketSnapshot> packets = read(CaptureFileBuilder.pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .iface(ETHERNET, 65535, 3, T0).epb(0, 1_500, v4(1)));
        assertEquals((T0 + 1) * 1_000_000_000L + 500_000_000L, packets.get(0).timestampNanos());
    }

    @Test
    void readsSimplePacketBlockOnTheSingleInterface() throws IOException {
        byte[] full = ethernet(0x0800, ipv4(1, tcp(7, 8, 1, 0, Packet.ACK, 500)));
        byte[] cut = Arrays.copyOf(full, 80);
        CaptureFileBuilder b = CaptureFileBuilder.pcapng().section(ByteOrder.LITTLE_ENDIAN).iface(ETHERNET, 80)
                .epb(0, T0 * 1_000_000L, v4(1))
                .spb(cut, full.length);
        List<PacketSnapshot> packets = read(b);
        PacketSnapshot spb = packets.get(1);
        assertEquals(80, spb.capturedLength());
        assertEquals(full.length, spb.wireLength());
        assertEquals(500, spb.payloadLength());
        assertEquals(7, spb.srcPort());
        // No timestamp of its own: the previous packet's.
        assertEquals(packets.get(0).timestampNanos(), spb.timestampNanos());
        assertEquals(b.packetOffsets().get(1), spb.fileOffset());
    }

    @Test
    void readsObsoletePacketBlock() throws IOException {
        List<PacketSnapshot> packets = read(CaptureFileBuilder.pcapng().section(ByteOrder.BIG_ENDIAN)
                .iface(ETHERNET, 65535).iface(SLL2, 65535).obsoletePacketBlock(1, 42, v6sll2(9)));
        assertEquals(1, packets.get(0).interfaceId());
        assertEquals(42_000, packets.get(0).timestampNanos());
        assertEquals(9, packets.get(0).srcPort());
    }

    @Test
    void readsSectionsWithDifferentByteOrders() throws IOException {
        CaptureFileBuilder b = CaptureFileBuilder.pcapng()
                .section(ByteOrder.LITTLE_ENDIAN).iface(SLL2, 65535).epb(0, 1, v6sll2(1))
                .section(ByteOrder.BIG_ENDIAN).iface(ETHERNET, 65535, 9, null).epb(0, 2, v4(2))
                .section(ByteOrder.LITTLE_ENDIAN).iface(ETHERNET, 65535).epb(0, 3, v4(3));
        List<PacketSnapshot> packets = read(b);
        assertEquals(List.of(1_000L, 2L, 3_000L), packets.stream().map(PacketSnapshot::timestampNanos).toList());
        assertEquals(List.of(SLL2, ETHERNET, ETHERNET), packets.stream().map(PacketSnapshot::linkType).toList());
        assertEquals(List.of(1, 2, 3), packets.stream().map(PacketSnapshot::srcPort).toList());
    }

    @Test
    void skipsUnknownBlocks() throws IOException {
        List<PacketSnapshot> packets = read(CaptureFileBuilder.pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .block(0x0000_0004, new byte[] {0, 0, 0, 0}) // name resolution block
                .iface(ETHERNET, 65535)
                .block(0x0000_0005, new byte[20]) // interface statistics block
                .block(0x4000_0BAD, new byte[1000]) // a custom block
                .epb(0, 1, v4(1)));
        assertEquals(1, packets.size());
    }

    @Test
    void rejectsBlockTotalLengthMismatch() throws IOException {
        CaptureFileBuilder b = CaptureFileBuilder.pcapng().section(ByteOrder.LITTLE_ENDIAN).iface(ETHERNET, 65535)
                .epb(0, 1, v4(1));
        long bad = b.size();
        b.epb(0, 2, v4(2)).epb(0, 3, v4(3));
        byte[] bytes = b.bytes();
        ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int length = header.getInt((int) bad + 4);
        header.putInt((int) bad + 4, length + 8); // a corrupt length: its trailer is not where it says
        List<PacketSnapshot> seen = new ArrayList<>();
        try (PacketSource source = CaptureFiles.open(write(bytes), 0)) {
            CaptureFormatException e = assertThrows(CaptureFormatException.class,
                    () -> PacketSnapshot.readInto(source, seen));
            assertEquals(bad, e.offset());
            assertTrue(e.getMessage().contains("block total length mismatch: " + (length + 8) + " at the start"),
                    e.getMessage());
        }
        assertEquals(1, seen.size());
    }

    @Test
    void rejectsSkippedBlockWithMismatchedTrailer() throws IOException {
        CaptureFileBuilder b = CaptureFileBuilder.pcapng().section(ByteOrder.LITTLE_ENDIAN).iface(ETHERNET, 65535);
        long bad = b.size();
        b.block(0x0000_0005, new byte[20]).epb(0, 1, v4(1));
        byte[] bytes = b.bytes();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt((int) bad + 28, 36);
        try (PacketSource source = CaptureFiles.open(write(bytes), 0)) {
            CaptureFormatException e = assertThrows(CaptureFormatException.class, source::next);
            assertEquals(bad, e.offset());
            assertTrue(e.getMessage().contains("32 at the start, 36 at the end"), e.getMessage());
        }
    }

    @Test
    void rejectsBlockLengthNotAMultipleOfFour() throws IOException {
        CaptureFileBuilder b = CaptureFileBuilder.pcapng().section(ByteOrder.LITTLE_ENDIAN).iface(ETHERNET, 65535);
        long bad = b.size();
        byte[] bytes = b.epb(0, 1, v4(1)).bytes();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt((int) bad + 4, 83);
        try (PacketSource source = CaptureFiles.open(write(bytes), 0)) {
            CaptureFormatException e = assertThrows(CaptureFormatException.class, source::next);
            assertEquals(bad, e.offset());
            assertTrue(e.getMessage().contains("block total length 83"), e.getMessage());
        }
    }

    @Test
    void reportsTruncatedLastBlockAfterEarlierPackets() throws IOException {
        CaptureFileBuilder b = CaptureFileBuilder.pcapng().section(ByteOrder.BIG_ENDIAN).iface(ETHERNET, 65535)
                .epb(0, 1, v4(1)).epb(0, 2, v4(2)).epb(0, 3, v4(3));
        byte[] bytes = Arrays.copyOf(b.bytes(), b.size() - 10);
        List<PacketSnapshot> seen = new ArrayList<>();
        try (PacketSource source = CaptureFiles.open(write(bytes), 0)) {
            CaptureFormatException e = assertThrows(CaptureFormatException.class,
                    () -> PacketSnapshot.readInto(source, seen));
            assertEquals(b.packetOffsets().get(2), e.offset());
            assertTrue(e.getMessage().contains("truncated block"), e.getMessage());
        }
        assertEquals(2, seen.size());
    }

    @Test
    void rejectsBadByteOrderMagicInALaterSection() throws IOException {
        CaptureFileBuilder b = CaptureFileBuilder.pcapng().section(ByteOrder.LITTLE_ENDIAN).iface(ETHERNET, 65535)
                .epb(0, 1, v4(1));
        long bad = b.size();
        byte[] bytes = b.section(ByteOrder.LITTLE_ENDIAN).bytes();
        bytes[(int) bad + 8] = 0x55;
        List<PacketSnapshot> seen = new ArrayList<>();
        try (PacketSource source = CaptureFiles.open(write(bytes), 0)) {
            CaptureFormatException e = assertThrows(CaptureFormatException.class,
                    () -> PacketSnapshot.readInto(source, seen));
            assertEquals(bad, e.offset());
            assertTrue(e.getMessage().contains("byte-order magic"), e.getMessage());
        }
        assertEquals(1, seen.size());
    }

    @Test
    void rejectsPacketForAnUndefinedInterface() throws IOException {
        CaptureFileBuilder b = CaptureFileBuilder.pcapng().section(ByteOrder.LITTLE_ENDIAN).iface(ETHERNET, 65535)
                .epb(1, 1, v4(1));
        try (PacketSource source = CaptureFiles.open(write(b.bytes()), 0)) {
            CaptureFormatException e = assertThrows(CaptureFormatException.class, source::next);
            assertTrue(e.getMessage().contains("interface 1"), e.getMessage());
        }
    }

    @Test
    void forgetsInterfacesOfThePreviousSection() throws IOException {
        CaptureFileBuilder b = CaptureFileBuilder.pcapng().section(ByteOrder.LITTLE_ENDIAN).iface(ETHERNET, 65535)
                .iface(ETHERNET, 65535).epb(1, 1, v4(1)).section(ByteOrder.LITTLE_ENDIAN).iface(ETHERNET, 65535);
        long bad = b.size();
        b.epb(1, 2, v4(2));
        try (PacketSource source = CaptureFiles.open(write(b.bytes()), 0)) {
            source.next();
            CaptureFormatException e = assertThrows(CaptureFormatException.class, source::next);
            assertEquals(bad, e.offset());
        }
    }

    @Test
    void rejectsCapturedLengthLargerThanTheBlock() throws IOException {
        CaptureFileBuilder b = CaptureFileBuilder.pcapng().section(ByteOrder.LITTLE_ENDIAN).iface(ETHERNET, 65535);
        long bad = b.size();
        byte[] bytes = b.epb(0, 1, v4(1)).bytes();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt((int) bad + 20, 5000);
        try (PacketSource source = CaptureFiles.open(write(bytes), 0)) {
            CaptureFormatException e = assertThrows(CaptureFormatException.class, source::next);
            assertEquals(bad, e.offset());
            assertTrue(e.getMessage().contains("captured length 5000"), e.getMessage());
        }
    }

    /**
     * Offsets past 2 GiB: a sparse file with a 2.5 GiB block we skip (costs no disk and no reading), then
     * packets whose offsets must be exact longs.
     */
    @Test
    void readsPacketsPastTwoGibibytes() throws IOException {
        CaptureFileBuilder head = CaptureFileBuilder.pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .iface(ETHERNET, 65535);
        long bigLength = 2_684_354_560L; // 2.5 GiB, a multiple of 4
        long bigStart = head.size();
        long after = bigStart + bigLength;
        CaptureFileBuilder tail = CaptureFileBuilder.pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .iface(ETHERNET, 65535);
        int tailHeader = tail.size();
        tail.epb(0, 1, v4(1)).epb(0, 2, v4(2));
        byte[] tailBytes = Arrays.copyOfRange(tail.bytes(), tailHeader, tail.size());
        Path file = dir.resolve("sparse.pcapng");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(head.bytes());
            ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(0x0000_0BAD).putInt((int) bigLength);
            raf.write(header.array());
            raf.seek(after - 4);
            raf.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) bigLength).array());
            raf.write(tailBytes);
        }
        List<PacketSnapshot> packets = PacketSnapshot.readAll(file, 4096);
        assertEquals(2, packets.size());
        assertEquals(after, packets.get(0).fileOffset());
        assertEquals(after + tail.packetOffsets().get(1) - tail.packetOffsets().get(0),
                packets.get(1).fileOffset());
        assertTrue(packets.get(1).fileOffset() > Integer.MAX_VALUE);
    }
}
