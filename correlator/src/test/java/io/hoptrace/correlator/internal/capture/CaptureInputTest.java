package io.hoptrace.correlator.internal.capture;

import static io.hoptrace.correlator.internal.capture.Frames.ethernet;
import static io.hoptrace.correlator.internal.capture.Frames.ipv4;
import static io.hoptrace.correlator.internal.capture.Frames.ipv6;
import static io.hoptrace.correlator.internal.capture.Frames.sll2;
import static io.hoptrace.correlator.internal.capture.Frames.tcp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.correlator.CaptureFormatException;
import io.hoptrace.correlator.Packet;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureInputTest {
    @TempDir
    Path dir;

    /** Packets of varied sizes (54..1054 bytes), so that records straddle window boundaries everywhere. */
    private static CaptureFileBuilder pcapWithManySizes() {
        CaptureFileBuilder b = CaptureFileBuilder.pcap(ByteOrder.LITTLE_ENDIAN, true, 1, 65535);
        for (int k = 0; k < 300; k++) {
            b.record(1000 + k, k, ethernet(0x0800, ipv4(k, tcp(1000 + k, 80, k, 0, Packet.ACK, (k * 37) % 1001))));
        }
        return b;
    }

    private static CaptureFileBuilder pcapngWithManySizes() {
        CaptureFileBuilder b = CaptureFileBuilder.pcapng().section(ByteOrder.BIG_ENDIAN).iface(1, 65535)
                .iface(276, 65535, 9, null);
        for (int k = 0; k < 300; k++) {
            if (k % 50 == 0) {
                b.block(0x0000_0005, new byte[4 * k]); // skipped blocks of many sizes, some bigger than the window
            }
            b.epb(k % 2, k, k % 2 == 0 ? ethernet(0x0800, ipv4(k, tcp(k, 80, k, 0, Packet.ACK, (k * 53) % 1001)))
                    : sll2(0x86DD, ipv6(tcp(k, 80, k, 0, Packet.ACK, (k * 53) % 1001))));
        }
        return b;
    }

    private void sameAtEveryWindowSize(CaptureFileBuilder b, String name) throws IOException {
        Path file = Files.write(dir.resolve(name), b.bytes());
        List<PacketSnapshot> reference = PacketSnapshot.readAll(file);
        assertEquals(300, reference.size());
        assertEquals(b.packetOffsets(), reference.stream().map(PacketSnapshot::fileOffset).toList());
        for (int window : new int[] {16, 64, 100, 1000, 4096}) {
            assertEquals(reference, PacketSnapshot.readAll(file, window), "window " + window);
        }
    }

    @Test
    void readsPcapTheSameThroughSmallWindows() throws IOException {
        sameAtEveryWindowSize(pcapWithManySizes(), "f.pcap");
    }

    @Test
    void readsPcapngTheSameThroughSmallWindows() throws IOException {
        sameAtEveryWindowSize(pcapngWithManySizes(), "f.pcapng");
    }

    @Test
    void readsGzipTheSameThroughSmallWindows() throws IOException {
        CaptureFileBuilder b = pcapngWithManySizes();
        Path plain = Files.write(dir.resolve("f.pcapng"), b.bytes());
        Path gz = Files.write(dir.resolve("f.pcapng.gz"), CaptureFileBuilder.gzip(b.bytes()));
        List<PacketSnapshot> reference = PacketSnapshot.readAll(plain);
        for (int window : new int[] {16, 100, 4096, CaptureInput.DEFAULT_WINDOW}) {
            assertEquals(reference, PacketSnapshot.readAll(gz, window), "window " + window);
        }
    }

    @Test
    void growsTheWindowForARecordLargerThanIt() throws IOException {
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        Path file = Files.write(dir.resolve("f"), data);
        try (CaptureInput in = CaptureInput.ofFile("f", FileChannel.open(file, StandardOpenOption.READ), 16)) {
            in.consume(in.require(10) + 10);
            int i = in.require(500);
            byte[] got = new byte[500];
            in.buffer().get(i, got);
            assertArrayEquals(Arrays.copyOfRange(data, 10, 510), got);
            assertEquals(10, in.position());
        }
    }

    @Test
    void skipsPastTheWindowAndReportsTheEnd() throws IOException {
        byte[] data = new byte[1000];
        data[900] = 42;
        Path file = Files.write(dir.resolve("f"), data);
        for (boolean gzip : new boolean[] {false, true}) {
            Path input = gzip ? Files.write(dir.resolve("f.gz"), CaptureFileBuilder.gzip(data)) : file;
            FileChannel channel = FileChannel.open(input, StandardOpenOption.READ);
            try (CaptureInput in = gzip ? CaptureInput.ofGzip("f", channel, 32) : CaptureInput.ofFile("f", channel, 32)) {
                in.require(8);
                assertTrue(in.skip(900));
                assertEquals(900, in.position());
                assertEquals(42, in.buffer().get(in.require(1)));
                assertFalse(in.skip(200));
                assertEquals(1000, in.position());
                assertEquals(-1, in.require(1));
                assertEquals(0, in.buffered());
            }
        }
    }

    @Test
    void reportsTruncatedGzipAsAFormatError() throws IOException {
        byte[] pcap = pcapWithManySizes().bytes();
        byte[] gz = CaptureFileBuilder.gzip(pcap);
        Path file = Files.write(dir.resolve("cut.pcap.gz"), Arrays.copyOf(gz, gz.length / 2));
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> PacketSnapshot.readAll(file));
        assertEquals(file.toString(), e.file());
        assertTrue(e.getMessage().contains("gzip"), e.getMessage());
    }

    @Test
    void rejectsAWindowTooSmallForAnyHeader() throws IOException {
        Path file = Files.write(dir.resolve("f.pcap"), pcapWithManySizes().bytes());
        assertThrows(IllegalArgumentException.class, () -> CaptureOpener.open(file, 0, 8));
    }
}
