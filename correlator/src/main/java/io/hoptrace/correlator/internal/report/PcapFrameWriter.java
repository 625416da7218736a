package io.hoptrace.correlator.internal.report;

import io.hoptrace.correlator.Packet;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Classic pcap with nanosecond timestamps (magic 0xA1B23C4D; draft-ietf-opsawg-pcap section 4), for when every
 * frame has the same link type.
 */
public final class PcapFrameWriter extends FrameWriter {
    private static final int SNAPLEN = 262_144;

    public PcapFrameWriter(OutputStream out, int linkType) throws IOException {
        super(out);
        header.putInt(0xA1B2_3C4D);
        header.putShort((short) 2);
        header.putShort((short) 4);
        header.putInt(0); // reserved (thiszone)
        header.putInt(0); // reserved (sigfigs)
        header.putInt(SNAPLEN);
        header.putInt(linkType);
        flushHeader();
    }

    @Override
    public void write(Packet p) throws IOException {
        long ts = p.timestampNanos();
        header.putInt((int) Math.floorDiv(ts, 1_000_000_000L));
        header.putInt((int) Math.floorMod(ts, 1_000_000_000L));
        header.putInt(p.capturedLength());
        header.putInt(p.wireLength());
        flushHeader();
        writeFrame(p, 1);
    }
}
