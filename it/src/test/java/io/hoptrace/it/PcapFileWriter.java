package io.hoptrace.it;

import io.hoptrace.correlator.Packet;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes captured frames as a classic pcap file with nanosecond timestamps (magic 0xa1b23c4d; the format of
 * draft-ietf-opsawg-pcap, sections 4 and 5), in this machine's byte order as libpcap does.
 */
final class PcapFileWriter implements Closeable {
    private static final int NANOSECOND_MAGIC = 0xa1b23c4d;

    private final OutputStream out;
    private final ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.nativeOrder());
    private byte[] frame = new byte[2048];
    private long frames;

    PcapFileWriter(Path file, int linkType, int snapLength) throws IOException {
        out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        header.putInt(NANOSECOND_MAGIC).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(snapLength).putInt(linkType);
        out.write(header.array(), 0, 24);
    }

    void write(Packet p) throws IOException {
        long ts = p.timestampNanos();
        int length = p.capturedLength();
        header.clear();
        header.putInt((int) (ts / 1_000_000_000L)).putInt((int) (ts % 1_000_000_000L)).putInt(length)
                .putInt(p.wireLength());
        out.write(header.array(), 0, 16);
        if (frame.length < length) {
            frame = new byte[length];
        }
        p.frame().get(p.frameOffset(), frame, 0, length);
        out.write(frame, 0, length);
        frames++;
    }

    long frames() {
        return frames;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
