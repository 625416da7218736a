package io.hoptrace.correlator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapFileWriterTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheHeaderTcpdumpWritesForNanosecondCaptures() throws IOException {
        Path file = tmp.resolve("empty.pcap");
        try (PcapFileWriter w = PcapFileWriter.create(file, 276)) {
            assertEquals(0, w.packets());
        }
        ByteBuffer h = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(24, h.remaining());
        assertEquals(0xA1B23C4D, h.getInt(0), "nanosecond magic");
        assertEquals(2, h.getShort(4));
        assertEquals(4, h.getShort(6));
        assertEquals(0, h.getInt(8));
        assertEquals(0, h.getInt(12));
        assertEquals(262_144, h.getInt(16), "snap length");
        assertEquals(276, h.getInt(20), "link type");
    }

    @Test
    void packetsReadBackWithTheirTimesAndBytes() throws IOException {
        TestPackets t = new ChainScenario().allHops(new TestPackets(0));
        Path file = tmp.resolve("chain.pcap");
        try (PcapFileWriter w = PcapFileWriter.create(file, TestPackets.LINKTYPE_ETHERNET)) {
            for (TestPacket p : t.packets()) {
                w.write(p);
            }
            assertEquals(t.packets().size(), w.packets());
        }
        try (PacketSource back = CaptureFiles.open(file, 0)) {
            for (TestPacket p : t.packets()) {
                Packet q = back.next();
                assertEquals(p.timestampNanos(), q.timestampNanos());
                assertEquals(TestPackets.LINKTYPE_ETHERNET, q.linkType());
                assertEquals(p.wireLength(), q.wireLength());
                assertArrayEquals(p.bytes(), bytes(q));
            }
            assertNull(back.next());
        }
    }

    /** Frames cut by the snap length keep their length on the wire, as the capture they came from has it. */
    @Test
    void aCopyOfACutCaptureKeepsEachFramesWireLength() throws IOException {
        Path cut = Path.of("").toAbsolutePath().resolve("../samples/captures/lo-snaplen96.pcap").normalize();
        assertTrue(Files.isRegularFile(cut), "the sample capture, expected at " + cut);
        Path copy = tmp.resolve("copy.pcap");
        List<int[]> lengths = new ArrayList<>();
        try (PacketSource in = CaptureFiles.open(cut, 0); PcapFileWriter w = PcapFileWriter.create(copy, 1)) {
            for (Packet p; (p = in.next()) != null; ) {
                lengths.add(new int[] {p.capturedLength(), p.wireLength()});
                w.write(p);
            }
        }
        assertTrue(lengths.stream().anyMatch(l -> l[0] < l[1]), "the sample has frames cut at 96 bytes");
        try (PacketSource back = CaptureFiles.open(copy, 0)) {
            for (int[] l : lengths) {
                Packet q = back.next();
                assertEquals(l[0], q.capturedLength());
                assertEquals(l[1], q.wireLength());
            }
            assertNull(back.next());
        }
    }

    private static byte[] bytes(Packet p) {
        byte[] b = new byte[p.capturedLength()];
        p.frame().get(p.frameOffset(), b, 0, b.length);
        return b;
    }
}
