package io.hoptrace.correlator.internal.report;

import io.hoptrace.correlator.Packet;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes captured frames to a capture file. Frames are copied through one reused scratch array; headers are
 * little-endian, which every reader accepts (the byte-order magic says so).
 */
public abstract class FrameWriter implements Closeable {
    private final java.io.OutputStream out;
    protected final ByteBuffer header = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    private byte[] scratch = new byte[65_536];
    private long frames;

    protected FrameWriter(java.io.OutputStream out) {
        this.out = out;
    }

    public abstract void write(Packet p) throws IOException;

    public long frames() {
        return frames;
    }

    protected void flushHeader() throws IOException {
        out.write(header.array(), 0, header.position());
        header.clear();
    }

    protected void writeFrame(Packet p, int padTo) throws IOException {
        int len = p.capturedLength();
        int padded = (len + padTo - 1) / padTo * padTo;
        if (scratch.length < padded) {
            scratch = new byte[Integer.highestOneBit(padded) << 1];
        }
        p.frame().get(p.frameOffset(), scratch, 0, len);
        for (int i = len; i < padded; i++) {
            scratch[i] = 0;
        }
        out.write(scratch, 0, padded);
        frames++;
    }

    protected void writeRaw(byte[] b) throws IOException {
        out.write(b);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
