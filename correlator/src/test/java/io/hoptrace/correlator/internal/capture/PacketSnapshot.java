package io.hoptrace.correlator.internal.capture;

import io.hoptrace.correlator.CaptureFiles;
import io.hoptrace.correlator.Packet;
import io.hoptrace.correlator.PacketSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A copy of every field of a {@link Packet} (the reader reuses its view), for assertions. */
record PacketSnapshot(long timestampNanos, int interfaceId, int linkType, int capturedLength, int wireLength,
        long fileOffset, int ipVersion, boolean tcp, long srcHi, long srcLo, long dstHi, long dstLo, int srcPort,
        int dstPort, int flags, long seq, long ack, int window, int ipId, int checksum, int payloadLength) {

    static PacketSnapshot of(Packet p) {
        return new PacketSnapshot(p.timestampNanos(), p.interfaceId(), p.linkType(), p.capturedLength(),
                p.wireLength(), p.fileOffset(), p.ipVersion(), p.isTcp(), p.srcAddrHi(), p.srcAddrLo(),
                p.dstAddrHi(), p.dstAddrLo(), p.srcPort(), p.dstPort(), p.tcpFlags(), p.seq(), p.ack(), p.window(),
                p.ipId(), p.tcpChecksum(), p.payloadLength());
    }

    static List<PacketSnapshot> readAll(Path file) throws IOException {
        try (PacketSource source = CaptureFiles.open(file, 0)) {
            return drain(source);
        }
    }

    static List<PacketSnapshot> readAll(Path file, int window) throws IOException {
        try (PacketSource source = CaptureOpener.open(file, 0, window)) {
            return drain(source);
        }
    }

    /** Reads packets into {@code into} until the end or an exception (which propagates). */
    static void readInto(PacketSource source, List<PacketSnapshot> into) throws IOException {
        for (Packet p = source.next(); p != null; p = source.next()) {
            into.add(of(p));
        }
    }

    private static List<PacketSnapshot> drain(PacketSource source) throws IOException {
        List<PacketSnapshot> all = new ArrayList<>();
        readInto(source, all);
        return all;
    }

    /** The IPv4-mapped form of an IPv4 address, as the low long. */
    static long mapped(byte[] v4) {
        return 0x0000FFFF_00000000L | ((v4[0] & 0xFFL) << 24) | ((v4[1] & 0xFFL) << 16) | ((v4[2] & 0xFFL) << 8)
                | (v4[3] & 0xFFL);
    }

    static long hi(byte[] v6) {
        return java.nio.ByteBuffer.wrap(v6).getLong(0);
    }

    static long lo(byte[] v6) {
        return java.nio.ByteBuffer.wrap(v6).getLong(8);
    }
}
