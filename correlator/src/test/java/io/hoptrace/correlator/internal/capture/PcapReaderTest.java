package io.hoptrace.correlator.internal.capture;

import static io.hoptrace.correlator.internal.capture.Frames.ethernet;
import static io.hoptrace.correlator.internal.capture.Frames.ipv4;
import static io.hoptrace.correlator.internal.capture.Frames.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.correlator.CaptureFiles;
import io.hoptrace.correlator.CaptureFormatException;
import io.hoptrace.correlator.Packet;
import io.hoptrace.correlator.PacketSource;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapReaderTest {
    private static final int ETHERNET = 1;
    private static final long T0 = 1_764_135_592L; // 2025-11-26T05:39:52Z

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] frame(int srcPort, int flags, int payload) {
        return ethernet(0x0800, ipv4(7, tcp(srcPort, 80, 1000, 2000, flags, payload)));
    }

    private void readsBothPacketsIn(ByteOrder order) throws IOException {
        CaptureFileBuilder b = CaptureFileBuilder.pcap(order, false, ETHERNET, 65535)
                .record(T0, 123_456, frame(40000, Packet.SYN, 0))
                .record(T0 + 1, 999_999, frame(40001, Packet.ACK | Packet.PSH, 10));
        List<PacketSnapshot> packets = PacketSnapshot.readAll(write("f.pcap", b.bytes()));
        assertEquals(2, packets.size());
        assertEquals(T0 * 1_000_000_000L + 123_456_000L, packets.get(0).timestampNanos());
        assertEquals((T0 + 1) * 1_000_000_000L + 999_999_000L, packets.get(1).timestampNanos());
        assertEquals(40000, packets.get(0).srcPort());
        assertEquals(Packet.SYN, packets.get(0).flags());
        assertEquals(10, packets.get(1).payloadLength());
        assertEquals(ETHERNET, packets.get(1).linkType());
        assertEquals(b.packetOffsets(), List.of(packets.get(0).fileOffset(), packets.get(1).fileOffset()));
    }

    @Test
    void readsLittleEndianMicrosecondPcap() throws IOException {
        readsBothPacketsIn(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void readsBigEndianMicrosecondPcap() throws IOException {
        readsBothPacketsIn(ByteOrder.BIG_ENDIAN);
    }

    @Test
    void readsNanosecondPcapInBothByteOrders() throws IOException {
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            byte[] bytes = CaptureFileBuilder.pcap(order, true, ETHERNET, 65535)
                    .record(T0, 123_456_789, frame(40000, Packet.SYN, 0)).bytes();
            List<PacketSnapshot> packets = PacketSnapshot.readAll(write("nano-" + order + ".pcap", bytes));
            assertEquals(T0 * 1_000_000_000L + 123_456_789L, packets.get(0).timestampNanos(), order.toString());
        }
    }

    @Test
    void readsTimestampsAfter2038AsUnsignedSeconds() throws IOException {
        long seconds = 0xF000_0000L; // > 2^31: year 2097
        byte[] bytes = CaptureFileBuilder.pcap(ByteOrder.LITTLE_ENDIAN, true, ETHERNET, 65535)
                .record(seconds, 5, frame(1, Packet.SYN, 0)).bytes();
        assertEquals(seconds * 1_000_000_000L + 5,
                PacketSnapshot.readAll(write("f.pcap", bytes)).get(0).timestampNanos());
    }

    @Test
    void readsHeaderOnlyFileAsNoPackets() throws IOException {
        byte[] bytes = CaptureFileBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, ETHERNET, 65535).bytes();
        assertEquals(List.of(), PacketSnapshot.readAll(write("f.pcap", bytes)));
    }

    @Test
    void keepsRealLengthsWhenSnaplenCutTheFrame() throws IOException {
        byte[] full = frame(40000, Packet.ACK, 1400);
        byte[] bytes = CaptureFileBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, ETHERNET, 96)
                .record(T0, 0, full, 96, full.length).bytes();
        PacketSnapshot p = PacketSnapshot.readAll(write("f.pcap", bytes)).get(0);
        assertEquals(96, p.capturedLength());
        assertEquals(full.length, p.wireLength());
        assertEquals(1400, p.payloadLength());
        assertTrue(p.tcp());
    }

    @Test
    void reportsTruncatedLastRecordAtItsOffsetAfterEarlierPackets() throws IOException {
        CaptureFileBuilder b = CaptureFileBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, ETHERNET, 65535)
                .record(T0, 1, frame(40000, Packet.SYN, 0))
                .record(T0, 2, frame(40001, Packet.SYN, 0))
                .record(T0, 3, frame(40002, Packet.SYN, 100));
        byte[] all = b.bytes();
        byte[] cut = java.util.Arrays.copyOf(all, all.length - 30);
        Path file = write("cut.pcap", cut);
        List<PacketSnapshot> seen = new ArrayList<>();
        CaptureFormatException e;
        try (PacketSource source = CaptureFiles.open(file, 0)) {
            e = assertThrows(CaptureFormatException.class, () -> PacketSnapshot.readInto(source, seen));
        }
        assertEquals(2, seen.size());
        assertEquals(b.packetOffsets().get(2), e.offset());
        assertEquals(file.toString(), e.file());
        assertTrue(e.getMessage().contains("truncated record"), e.getMessage());
    }

    @Test
    void reportsTruncatedRecordHeader() throws IOException {
        CaptureFileBuilder b = CaptureFileBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, ETHERNET, 65535)
                .record(T0, 1, frame(40000, Packet.SYN, 0)).raw(new byte[7]);
        Path file = write("f.pcap", b.bytes());
        List<PacketSnapshot> seen = new ArrayList<>();
        try (PacketSource source = CaptureFiles.open(file, 0)) {
            CaptureFormatException e = assertThrows(CaptureFormatException.class,
                    () -> PacketSnapshot.readInto(source, seen));
            assertEquals(b.size() - 7, e.offset());
            assertTrue(e.getMessage().contains("truncated record header"), e.getMessage());
        }
        assertEquals(1, seen.size());
    }

    @Test
    void rejectsCaptureLengthAboveTheMaximum() throws IOException {
        CaptureFileBuilder b = CaptureFileBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, ETHERNET, 262144)
                .record(T0, 1, frame(40000, Packet.SYN, 0));
        long bad = b.size();
        b.record(T0, 2, new byte[0], 300_000, 300_000);
        try (PacketSource source = CaptureFiles.open(write("f.pcap", b.bytes()), 0)) {
            source.next();
            CaptureFormatException e = assertThrows(CaptureFormatException.class, source::next);
            assertEquals(bad, e.offset());
            assertTrue(e.getMessage().contains("300000"), e.getMessage());
            // Later calls keep reporting the same damage.
            assertEquals(e, assertThrows(CaptureFormatException.class, source::next));
        }
    }

    @Test
    void rejectsCaptureLengthAboveTwiceTheSnaplen() throws IOException {
        byte[] bytes = CaptureFileBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, ETHERNET, 100)
                .record(T0, 1, new byte[300]).bytes();
        try (PacketSource source = CaptureFiles.open(write("f.pcap", bytes), 0)) {
            CaptureFormatException e = assertThrows(CaptureFormatException.class, source::next);
            assertEquals(24, e.offset());
        }
    }

    @Test
    void rejectsUnsupportedMajorVersion() throws IOException {
        byte[] bytes = CaptureFileBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, ETHERNET, 100).bytes();
        bytes[4] = 3;
        CaptureFormatException e = assertThrows(CaptureFormatException.class,
                () -> CaptureFiles.open(write("f.pcap", bytes), 0));
        assertTrue(e.getMessage().contains("major version 3"), e.getMessage());
    }

    @Test
    void rejectsTruncatedFileHeader() throws IOException {
        byte[] bytes = java.util.Arrays.copyOf(
                CaptureFileBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, ETHERNET, 100).bytes(), 10);
        CaptureFormatException e = assertThrows(CaptureFormatException.class,
                () -> CaptureFiles.open(write("f.pcap", bytes), 0));
        assertTrue(e.getMessage().contains("truncated pcap file header"), e.getMessage());
    }
}
