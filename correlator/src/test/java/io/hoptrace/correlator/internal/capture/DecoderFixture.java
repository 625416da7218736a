package io.hoptrace.correlator.internal.capture;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes one frame into a pcap file built for the test and reads it back through the real reader. */
final class DecoderFixture {
    private DecoderFixture() {
    }

    static PacketSnapshot decode(Path dir, int linkType, byte[] frame) throws IOException {
        return decode(dir, linkType, frame, frame.length);
    }

    /** The frame cut to {@code caplen} bytes, as a snap length would; the wire length stays the full length. */
    static PacketSnapshot decode(Path dir, int linkType, byte[] frame, int caplen) throws IOException {
        byte[] bytes = CaptureFileBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, linkType, 262144)
                .record(1, 0, frame, caplen, frame.length).bytes();
        Path file = Files.write(Files.createTempFile(dir, "frame", ".pcap"), bytes);
        List<PacketSnapshot> packets = PacketSnapshot.readAll(file);
        if (packets.size() != 1) {
            throw new AssertionError("expected one packet, read " + packets.size());
        }
        return packets.get(0);
    }
}
