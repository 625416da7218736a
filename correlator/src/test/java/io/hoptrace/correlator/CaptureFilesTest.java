package io.hoptrace.correlator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.correlator.internal.capture.PcapReader;
import io.hoptrace.correlator.internal.capture.PcapngReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureFilesTest {
    @TempDir
    Path dir;

    /** A pcap header and one 60-byte frame (not decoded further: these tests are about sniffing). */
    private static byte[] pcap() {
        ByteBuffer b = ByteBuffer.allocate(24 + 16 + 60).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        b.putInt(7).putInt(8).putInt(60).putInt(60);
        return b.array();
    }

    /** A big-endian pcapng: section header, one interface, one 60-byte EPB. */
    private static byte[] pcapng() {
        ByteBuffer b = ByteBuffer.allocate(28 + 20 + 92);
        b.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1)
                .putInt(28);
        b.putInt(1).putInt(20).putShort((short) 1).putShort((short) 0).putInt(65535).putInt(20);
        b.putInt(6).putInt(92).putInt(0).putInt(0).putInt(7).putInt(60).putInt(60).put(new byte[60]).putInt(92);
        return b.array();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static void assertOnePacket(PacketSource source, long timestamp) throws IOException {
        Packet p = source.next();
        assertNotNull(p);
        assertEquals(timestamp, p.timestampNanos());
        assertEquals(60, p.capturedLength());
        assertEquals(3, p.captureIndex());
        assertNull(source.next());
    }

    @Test
    void opensPcapByItsMagicWhateverTheName() throws IOException {
        try (PacketSource source = CaptureFiles.open(write("capture.pcapng", pcap()), 3)) {
            assertInstanceOf(PcapReader.class, source);
            assertOnePacket(source, 7_000_008_000L);
        }
    }

    @Test
    void opensPcapng() throws IOException {
        try (PacketSource source = CaptureFiles.open(write("capture.pcap", pcapng()), 3)) {
            assertInstanceOf(PcapngReader.class, source);
            assertOnePacket(source, 7_000L);
        }
    }

    @Test
    void opensGzippedPcapAndPcapng() throws IOException {
        try (PacketSource source = CaptureFiles.open(write("a.pcap.gz", gzip(pcap())), 3)) {
            assertOnePacket(source, 7_000_008_000L);
        }
        try (PacketSource source = CaptureFiles.open(write("a.pcapng.gz", gzip(pcapng())), 3)) {
            assertOnePacket(source, 7_000L);
        }
    }

    @Test
    void reportsProgressInFileBytes() throws IOException {
        byte[] bytes = pcap();
        try (PacketSource source = CaptureFiles.open(write("a.pcap", bytes), 0)) {
            assertEquals(bytes.length, source.size());
            assertEquals(24, source.position());
            source.next();
            assertEquals(bytes.length, source.position());
            assertEquals("a.pcap", Path.of(source.name()).getFileName().toString());
        }
    }

    @Test
    void rejectsAFileThatIsNotACaptureNamingItsFirstBytes() throws IOException {
        Path file = write("events.jsonl", "{\"ts\":\"2026-11-26T05:39:52Z\"}\n".getBytes(StandardCharsets.US_ASCII));
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureFiles.open(file, 0));
        assertEquals(file.toString(), e.file());
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("not a pcap or pcapng capture file"), e.getMessage());
        assertTrue(e.getMessage().contains("7b 22 74 73 22 3a 22 32"), e.getMessage());
        assertTrue(e.getMessage().contains("{\"ts\":\"2"), e.getMessage());
    }

    @Test
    void rejectsABinaryFileShowingItsFirstBytesInHex() throws IOException {
        Path file = write("a.zip", new byte[] {0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08});
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureFiles.open(file, 0));
        assertTrue(e.getMessage().contains("50 4b 03 04 14 00 00 00;"), e.getMessage());
    }

    @Test
    void rejectsAnEmptyFile() throws IOException {
        Path file = write("empty.pcap", new byte[0]);
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureFiles.open(file, 0));
        assertEquals(file.toString(), e.file());
        assertTrue(e.getMessage().contains("the file is empty"), e.getMessage());
    }

    @Test
    void rejectsAnEmptyGzip() throws IOException {
        Path file = write("empty.pcap.gz", gzip(new byte[0]));
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureFiles.open(file, 0));
        assertTrue(e.getMessage().contains("the decompressed gzip data is empty"), e.getMessage());
    }

    @Test
    void rejectsATinyFile() throws IOException {
        Path file = write("tiny.pcap", new byte[] {(byte) 0xD4, (byte) 0xC3});
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureFiles.open(file, 0));
        assertTrue(e.getMessage().contains("has only 2 byte(s) (d4 c3)"), e.getMessage());
    }

    @Test
    void failsOnADirectoryWithItsName() {
        IOException e = assertThrows(IOException.class, () -> CaptureFiles.open(dir, 0));
        assertTrue(e.getMessage().startsWith(dir + ": is a directory"), e.getMessage());
    }

    @Test
    void failsOnAMissingFileWithItsName() {
        Path file = dir.resolve("missing.pcap");
        IOException e = assertThrows(IOException.class, () -> CaptureFiles.open(file, 0));
        assertTrue(e.getMessage().contains("missing.pcap"), e.getMessage());
    }
}
