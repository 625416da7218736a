package io.hoptrace.correlator;

import io.hoptrace.correlator.internal.report.PcapFrameWriter;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes packets to a classic pcap file as {@code tcpdump -w} does: nanosecond timestamps (magic a1b23c4d,
 * draft-ietf-opsawg-pcap section 4), one link type for the whole file, each packet's captured bytes and wire
 * length. The writer of {@link Correlator#exportPackets} for packets of one link type, for whoever else saves
 * packets it reads (from a {@link LiveCapture}, say). Nothing is allocated per packet; not thread-safe.
 */
public final class PcapFileWriter implements Closeable {
    private final PcapFrameWriter frames;

    private PcapFileWriter(PcapFrameWriter frames) {
        this.frames = frames;
    }

    /** Creates {@code file} (replacing one that exists) for frames of {@code linkType} (LINKTYPE_*). */
    public static PcapFileWriter create(Path file, int linkType) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        try {
            return new PcapFileWriter(new PcapFrameWriter(out, linkType));
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Appends {@code p}: its timestamp, captured bytes and wire length. */
    public void write(Packet p) throws IOException {
        frames.write(p);
    }

    /** Packets written so far. */
    public long packets() {
        return frames.frames();
    }

    /** Flushes and closes the file. */
    @Override
    public void close() throws IOException {
        frames.close();
    }
}
