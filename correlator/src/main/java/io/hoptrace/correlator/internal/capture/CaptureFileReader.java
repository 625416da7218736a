package io.hoptrace.correlator.internal.capture;

import io.hoptrace.correlator.CaptureFormatException;
import io.hoptrace.correlator.Packet;
import io.hoptrace.correlator.PacketSource;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What the pcap and pcapng readers share: the {@link CaptureInput} window they decode in place, the one reused
 * {@link DecodedPacket}, the byte order the file was written in, and damage that sticks: once {@link #fail} has
 * named a byte offset, every later {@link #next()} throws the same {@link CaptureFormatException}, so no reader
 * goes on past damage.
 */
abstract class CaptureFileReader implements PacketSource {
    final CaptureInput in;
    final DecodedPacket packet;
    /** The file (pcap) or the current section (pcapng) is in the other byte order than the window reads. */
    boolean swapped;
    private CaptureFormatException failure;

    CaptureFileReader(CaptureInput in, int captureIndex) {
        this.in = in;
        this.packet = new DecodedPacket(captureIndex);
    }

    /** The next record's packet, or null at the end of the file; only called while the file is undamaged. */
    abstract Packet read() throws IOException;

    @Override
    public final Packet next() throws IOException {
        if (failure != null) {
            throw failure;
        }
        return read();
    }

    @Override
    public final String name() {
        return in.name();
    }

    /** Records damage at {@code offset}; the caller throws what this returns. */
    final CaptureFormatException fail(long offset, String problem) {
        failure = new CaptureFormatException(in.name(), offset, problem);
        return failure;
    }

    @Override
    public final long position() {
        return in.sourcePosition();
    }

    @Override
    public final long size() {
        return in.sourceSize();
    }

    @Override
    public final void close() throws IOException {
        in.close();
    }

    final int int32(ByteBuffer b, int at) {
        int v = b.getInt(at);
        return swapped ? Integer.reverseBytes(v) : v;
    }

    final int u16(ByteBuffer b, int at) {
        short v = b.getShort(at);
        return (swapped ? Short.reverseBytes(v) : v) & 0xFFFF;
    }
}
